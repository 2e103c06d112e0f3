import type { Period } from '../../../shared/contract/dashboard';
import { HOUR_MS } from '../../../shared/domain/deadlines/buckets';
import type { StationClock } from './station-clock';

export interface PeriodRange {
  from: number;
  to: number;
  /** Chart resolution: hours of today, days of the week. */
  slotMs: number;
}

/** Today is the station's local day so far; the week is today and the six local days before it. */
export function periodRange(period: Period, clock: StationClock): PeriodRange {
  if (period === 'today') return { from: clock.today.start, to: clock.now + 1, slotMs: HOUR_MS };
  return { from: clock.today.start - 6 * 24 * HOUR_MS, to: clock.now + 1, slotMs: 24 * HOUR_MS };
}
