import { z } from 'zod';
import { MAX_CODE_LENGTH } from './normalize';

export const ScannerConfig = z.object({
  /** The key the scanner sends after the code. */
  suffix: z.enum(['Enter', 'Tab']),
  /** Shorter bursts are keystrokes, not barcodes. */
  minLength: z.number().int().min(1).max(64),
  /** Average time between a scanner's keystrokes is below this; a person types slower. */
  maxGapMs: z.number().int().min(5).max(500),
});
export type ScannerConfig = z.infer<typeof ScannerConfig>;

export const DEFAULT_SCANNER_CONFIG: ScannerConfig = { suffix: 'Enter', minLength: 4, maxGapMs: 50 };

export interface DetectorState {
  buffer: string;
  /** Keydown time of each character of the buffer. */
  times: number[];
}

export type Detection =
  | { type: 'none' }
  /** A burst at scanner speed, ended by the suffix. */
  | { type: 'scan'; text: string }
  /** Keys typed by a person, ended by the suffix (a quantity, or a code typed without the entry field). */
  | { type: 'typed'; text: string };

export const idleDetector = (): DetectorState => ({ buffer: '', times: [] });

/**
 * A single stall longer than this many allowed gaps ends a burst: what came before it was typed by a person. Generous,
 * because a busy machine can hold back one keystroke of a real scan; the average gap still has to be a scanner's.
 */
const STALL_FACTOR = 10;
// Keys that a scanner's keystrokes may be interleaved with without breaking the burst (it holds Shift for capitals).
const MODIFIERS = new Set(['Shift', 'CapsLock']);

/** The scanner-speed run at the end of the buffer (ending with the suffix at `end`), as a start index, or null. */
function trailingBurst(state: DetectorState, end: number, config: ScannerConfig): number | null {
  const stall = config.maxGapMs * STALL_FACTOR;
  let start = state.times.length;
  let next = end;
  while (start > 0 && next - state.times[start - 1]! <= stall) {
    start -= 1;
    next = state.times[start]!;
  }
  const length = state.times.length - start;
  if (length < config.minLength || end - state.times[start]! > config.maxGapMs * length) return null;
  return start;
}

/**
 * Feeds one keydown (its `key` and timestamp in ms) to the detector. Pure: returns the next state and what, if
 * anything, the keys so far amount to. A scan is a fast run of at least minLength keys ending in the suffix; keys a
 * person typed just before it are dropped, so a stray keystroke cannot spoil the next scan. The buffer is capped just
 * past the longest acceptable code, so a stuck key cannot grow it without end; such input is then refused as too long.
 */
export function detectKey(
  state: DetectorState,
  key: string,
  time: number,
  config: ScannerConfig,
): { state: DetectorState; detection: Detection } {
  if (MODIFIERS.has(key)) return { state, detection: { type: 'none' } };
  if (key === config.suffix) {
    if (state.buffer.length === 0) return { state, detection: { type: 'none' } };
    const start = trailingBurst(state, time, config);
    // An overflowing buffer is reported whole, so it is refused as too long rather than cut into something valid.
    const text = start === null || state.buffer.length > MAX_CODE_LENGTH ? state.buffer : state.buffer.slice(start);
    const detection: Detection = { type: start === null ? 'typed' : 'scan', text };
    return { state: idleDetector(), detection };
  }
  if (key.length !== 1) return { state: idleDetector(), detection: { type: 'none' } };
  if (state.buffer.length > MAX_CODE_LENGTH) {
    // Keep the overflow marker but follow the timing, so a stuck key is still told apart from a scan.
    return { state: { buffer: state.buffer, times: [...state.times.slice(1), time] }, detection: { type: 'none' } };
  }
  return { state: { buffer: state.buffer + key, times: [...state.times, time] }, detection: { type: 'none' } };
}
