import { z } from 'zod';
import { GROUP_SEPARATOR, parseGs1 } from './gs1';
import { toGtin14 } from './gtin';

/** Longer than any product, order or tracking barcode; anything longer is a stuck key or a pasted document. */
export const MAX_CODE_LENGTH = 128;

export const ScanRejection = z.enum(['empty', 'too_long', 'not_printable']);
export type ScanRejection = z.infer<typeof ScanRejection>;

/** What a scanner read, reduced to what matching needs. */
export interface ScannedCode {
  /** The code after trimming and removing the symbology identifier: what is recorded and shown. */
  text: string;
  /** The 14-digit GTIN when the code is a valid UPC-A, EAN-8/13, GTIN-14 or carries a GS1 (01). */
  gtin: string | null;
  /** A GS1 (21) serial number carried by the same barcode. */
  serial: string | null;
  /** Keys under which the code matches a line: a catalogue code matches a scan when they share a key. */
  keys: string[];
}

export type ParsedScan = { ok: true; code: ScannedCode } | { ok: false; reason: ScanRejection };

// AIM symbology identifier, sent by scanners configured to announce the symbology: "]" + symbology + modifier.
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
// Symbology identifiers whose data is a GS1 element string: GS1-128, DataBar, GS1 DataMatrix, GS1 QR, GS1 DotCode.
const GS1_IDENTIFIERS = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
// Scanners type printable ASCII; the group separator is the one control character a GS1 barcode carries.
function scannable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && text[i] !== GROUP_SEPARATOR) return false;
  }
  return true;
}
// A GS1-128 read without its identifier still starts with (01) and a GTIN-14.
const BARE_GS1 = /^01(\d{14})/;

/** Is this text a barcode at all? Garbage (control characters, other bytes, a stuck key) is refused before matching. */
export function rejectScanText(raw: string): ScanRejection | null {
  const text = raw.trim();
  if (text.length === 0) return 'empty';
  if (text.length > MAX_CODE_LENGTH) return 'too_long';
  if (!scannable(text)) return 'not_printable';
  return null;
}

function gs1FieldsOf(text: string, identifier: string | null): Record<string, string> | null {
  if (identifier && GS1_IDENTIFIERS.has(identifier)) return parseGs1(text);
  if (text.startsWith('(')) return parseGs1(text);
  const bare = BARE_GS1.exec(text);
  return bare && toGtin14(bare[1]!) ? parseGs1(text) : null;
}

/** Trims, strips the AIM prefix, reads GS1 data and GTINs, and lists the keys the code matches under. */
export function parseScan(raw: string): ParsedScan {
  const rejection = rejectScanText(raw);
  if (rejection) return { ok: false, reason: rejection };
  let text = raw.trim();
  const identifier = AIM_PREFIX.exec(text)?.[0] ?? null;
  if (identifier) text = text.slice(identifier.length).trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  const fields = gs1FieldsOf(text, identifier);
  const gtin = fields ? (fields['01'] ? toGtin14(fields['01']) : null) : toGtin14(text);
  const keys = [`T:${text.replaceAll(GROUP_SEPARATOR, '').toUpperCase()}`];
  if (gtin) keys.push(`G:${gtin}`);
  return { ok: true, code: { text, gtin, serial: fields?.['21'] ?? null, keys } };
}

/** Match keys of a code from the catalogue (barcode table, seller SKU): the same rules as a scan of it. */
export function catalogueKeys(code: string): string[] {
  const parsed = parseScan(code);
  return parsed.ok ? parsed.code.keys : [];
}

/**
 * The spellings under which a code may be stored in a barcode table: as scanned, in upper and lower case, and a
 * GTIN in each of its lengths (a UPC-A stored as 12 digits must be found from its 13-digit EAN form).
 */
export function storedSpellings(code: ScannedCode): string[] {
  const spellings = new Set([code.text, code.text.toUpperCase(), code.text.toLowerCase()]);
  if (code.gtin) {
    for (const length of [14, 13, 12, 8]) {
      const cut = code.gtin.slice(14 - length);
      if (code.gtin.slice(0, 14 - length).replaceAll('0', '') === '') spellings.add(cut);
    }
  }
  return [...spellings];
}
