import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js';

/** Code 128 quiet zone each side, in modules. */
export const QUIET_MODULES = 10;

/**
 * The modules of a Code 128 symbol ('1' bar, '0' space), start to stop, with the subset switching jsbarcode picks
 * (C for digit pairs, so long numeric tracking numbers stay short). gs1 puts FNC1 first (GS1-128).
 */
export function code128Modules(data: string, gs1 = false): string {
  const symbol = new CODE128(data, { ean128: gs1 });
  if (!symbol.valid()) throw new Error(`"${data}" cannot be written as a Code 128 barcode (printable ASCII only).`);
  return symbol.encode().data;
}

/** Runs of bars as [startModule, widthModules], what every renderer (SVG, ZPL check, raster) draws. */
export function barRuns(modules: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= modules.length; i += 1) {
    const bar = modules[i] === '1';
    if (bar && start < 0) start = i;
    if (!bar && start >= 0) {
      runs.push([start, i - start]);
      start = -1;
    }
  }
  return runs;
}
