import JsBarcode from 'jsbarcode';

/** Code 128 modules of a text ("1" = bar), as JsBarcode encodes it without a DOM. */
export function code128Modules(text: string): string {
  const target: { encodings?: Array<{ data: string }> } = {};
  JsBarcode(target, text, { format: 'CODE128' });
  return (target.encodings ?? []).map((encoding) => encoding.data).join('');
}
