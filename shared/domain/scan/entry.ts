import { parseCommand, type Command } from './commands';
import { parseScan, type ScannedCode, type ScanRejection } from './normalize';
import type { Verification } from './verification';

/** How an entry reached the station: a scanner burst, the manual-entry field, keys typed outside it, or a button. */
export type EntrySource = 'scanner' | 'manual' | 'typed' | 'button';

export type Entry =
  | { type: 'command'; command: Command; text: string }
  | { type: 'quantity'; quantity: number }
  | { type: 'code'; code: ScannedCode }
  | { type: 'rejected'; reason: ScanRejection }
  /** Keys a person typed outside the entry field that are not a quantity: not a scan, so nothing happens. */
  | { type: 'ignored' };

const QUANTITY = /^\d{1,4}$/;

/**
 * What a finished entry means for the order on screen. A number typed by hand right after a scan of a bulk line is
 * its quantity; a scanner burst is always a code, so a barcode made of digits is never mistaken for a quantity.
 */
export function classifyEntry(text: string, source: EntrySource, verification: Verification | null): Entry {
  const command = parseCommand(text);
  if (command) return { type: 'command', command, text: text.trim().toUpperCase() };
  const trimmed = text.trim();
  if (source !== 'scanner' && verification?.progress.awaiting?.kind === 'quantity' && QUANTITY.test(trimmed)) {
    return { type: 'quantity', quantity: Number(trimmed) };
  }
  if (source === 'typed') return { type: 'ignored' };
  const parsed = parseScan(text);
  return parsed.ok ? { type: 'code', code: parsed.code } : { type: 'rejected', reason: parsed.reason };
}
