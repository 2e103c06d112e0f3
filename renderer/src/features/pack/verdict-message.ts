import type { TFunction } from 'i18next';
import type { PackView } from '../../../../shared/contract/pack';
import type { ScanRejection } from '../../../../shared/domain/scan/normalize';
import { toneOf, type Tone } from '../../../../shared/domain/scan/tone';
import type { Verdict, VerdictKind } from '../../../../shared/domain/scan/verification';
import { keyFor } from '../../i18n/keys';
import { packStrings } from './strings';

/** What the big line shows: a verdict from the station or the local reducer, a refused entry, or a failed call. */
export type Shown =
  | { type: 'verdict'; verdict: Verdict }
  | { type: 'rejected'; reason: ScanRejection }
  /** Keys typed by hand outside the entry field: not read as a scan, but the packer is told so. */
  | { type: 'typed'; text: string }
  | { type: 'failed'; message: string }
  /** The marketplace cancelled the order open here, or its buyer changed the address: the packer stops. */
  | { type: 'stopped'; orderId: string; reason: 'cancelled' | 'address_changed' };

export function toneOfShown(shown: Shown): Tone {
  return shown.type === 'verdict' ? toneOf(shown.verdict) : 'wrong';
}

/**
 * One meaning per colour, the same on every screen: green done, amber waiting for the packer, red stop, blue
 * information (an order opened, held or back in the queue is news, not success). The sound keeps its own tone.
 */
export type Colour = 'done' | 'waiting' | 'stop' | 'info' | 'idle';

const COLOURS: Record<VerdictKind, Colour> = {
  match: 'done',
  line_done: 'done',
  serial_recorded: 'done',
  quantity_set: 'done',
  linked: 'done',
  overridden: 'done',
  undone: 'info',
  order_opened: 'info',
  order_resumed: 'info',
  released: 'info',
  print_sent: 'info',
  print_requested: 'info',
  held: 'info',
  cancelled: 'info',
  queue_empty: 'info',
  nothing_to_undo: 'info',
  over_scan: 'waiting',
  quantity_refused: 'waiting',
  serial_duplicate: 'waiting',
  serial_needed: 'waiting',
  hold_reason_needed: 'waiting',
  wrong_item: 'stop',
  other_order: 'stop',
  order_refused: 'stop',
  no_order: 'stop',
  not_complete: 'stop',
  unknown: 'stop',
  order_not_found: 'stop',
};

export function colourOfShown(shown: Shown | null): Colour {
  if (!shown) return 'idle';
  switch (shown.type) {
    case 'verdict':
      return COLOURS[shown.verdict.kind];
    case 'typed':
      return 'waiting';
    default:
      return 'stop';
  }
}

const holdReasonKey = (reason: string | null) => keyFor(packStrings.en, 'reason.', reason) ?? 'reason.other';

function verdictText(t: TFunction<'pack'>, verdict: Verdict, view: PackView | null): string {
  const line = view?.verification.lines.find((candidate) => candidate.key === verdict.lineKey);
  const params = {
    name: line?.productName ?? verdict.lineKey ?? '',
    count: verdict.count ?? 0,
    quantity: verdict.quantity ?? 0,
    code: verdict.code ?? '',
    orderId: verdict.orderId ?? view?.order.id ?? '',
    detail: verdict.detail ?? '',
  };
  if (verdict.complete && ['match', 'line_done', 'serial_recorded', 'quantity_set', 'linked'].includes(verdict.kind)) {
    return t('verdict.complete', params);
  }
  switch (verdict.kind) {
    case 'order_refused':
      return t('verdict.order_refused', {
        ...params,
        reason: t(keyFor(packStrings.en, 'refusal.', verdict.reason) ?? 'refusal.not_ready', {
          detail: verdict.reason === 'on_hold' ? t(holdReasonKey(verdict.detail)) : params.detail,
        }),
      });
    case 'held':
      return t('verdict.held', { ...params, reason: t(holdReasonKey(verdict.reason)) });
    case 'quantity_refused':
      return verdict.detail ? t('verdict.quantity_refused_max', params) : t('verdict.quantity_refused');
    default:
      return t(`verdict.${verdict.kind}`, params);
  }
}

export function shownText(t: TFunction<'pack'>, shown: Shown, view: PackView | null): string {
  switch (shown.type) {
    case 'verdict':
      return verdictText(t, shown.verdict, view);
    case 'rejected':
      return t('verdict.rejected', { reason: t(`rejection.${shown.reason}`) });
    case 'typed':
      return t('verdict.typed', { text: shown.text });
    case 'failed':
      return t('verdict.failed', { message: shown.message });
    case 'stopped':
      return t(`verdict.stopped_${shown.reason}`, { orderId: shown.orderId });
  }
}
