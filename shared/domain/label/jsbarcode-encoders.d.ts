// jsbarcode's encoders are pure (no DOM): the label model uses them for the bars and draws them itself.
declare module 'jsbarcode/bin/barcodes/CODE128/index.js' {
  export class CODE128 {
    constructor(data: string, options: { ean128?: boolean });
    valid(): boolean;
    /** Once per instance: it consumes its input. `data` is one character per module, '1' for a bar. */
    encode(): { data: string; text: string };
  }
}
