import type { Verdict, VerdictKind } from './verification';

/** The five sounds (and colours) a packer learns: each verdict maps to exactly one. */
export type Tone = 'ok' | 'complete' | 'over' | 'wrong' | 'unknown';

const TONES: Record<VerdictKind, Tone> = {
  match: 'ok',
  line_done: 'ok',
  serial_recorded: 'ok',
  quantity_set: 'ok',
  undone: 'ok',
  order_opened: 'ok',
  order_resumed: 'ok',
  released: 'ok',
  linked: 'ok',
  print_sent: 'ok',
  print_requested: 'ok',
  held: 'ok',
  cancelled: 'ok',
  overridden: 'complete',
  over_scan: 'over',
  quantity_refused: 'over',
  serial_duplicate: 'over',
  serial_needed: 'over',
  wrong_item: 'wrong',
  other_order: 'wrong',
  order_refused: 'wrong',
  nothing_to_undo: 'wrong',
  no_order: 'wrong',
  queue_empty: 'wrong',
  not_complete: 'wrong',
  hold_reason_needed: 'over',
  unknown: 'unknown',
  order_not_found: 'unknown',
};

/** Verdicts that count units: the one that completes the order sounds 'complete' instead of 'ok'. */
const COUNTING = new Set<VerdictKind>(['match', 'line_done', 'serial_recorded', 'quantity_set']);

export function toneOf(verdict: Pick<Verdict, 'kind' | 'complete'>): Tone {
  return verdict.complete && COUNTING.has(verdict.kind) ? 'complete' : TONES[verdict.kind];
}
