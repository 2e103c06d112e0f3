import { bucketEdges, HOUR_MS, localDay, type BucketEdges } from '../../../shared/domain/deadlines/buckets';
import { utcOffsetMinutes } from '../../../shared/domain/deadlines/time-zone';
import type { StationServices } from '../station/services';

export interface StationClock {
  now: number;
  timeZone: string;
  atRiskHours: number;
  edges: BucketEdges;
  today: { start: number; end: number };
}

/** "Now", "today" and the bucket edges as the warehouse sees them: its own time zone, its own at-risk window. */
export function stationClock(svc: Pick<StationServices, 'now' | 'settings'>): StationClock {
  return clockAt(svc.now(), svc.settings.string('station.timeZone'), svc.settings.number('dashboard.atRiskHours'));
}

export function clockAt(now: number, timeZone: string, atRiskHours: number): StationClock {
  const utcOffset = utcOffsetMinutes(timeZone, now);
  return {
    now,
    timeZone,
    atRiskHours,
    edges: bucketEdges(now, { atRiskMs: atRiskHours * HOUR_MS, utcOffsetMinutes: utcOffset }),
    today: localDay(now, utcOffset),
  };
}
