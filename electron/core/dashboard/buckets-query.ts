import type { BucketGroup, DashboardBuckets, DeadlineBuckets } from '../../../shared/contract/dashboard';
import {
  BUCKETS,
  DEADLINES,
  emptyCounts,
  OPEN_STATES,
  type BucketCounts,
  type Deadline,
} from '../../../shared/domain/deadlines/buckets';
import type { Db } from '../db/database';
import type { StationClock } from './station-clock';

/** Column of each deadline; fixed names, never user input. */
export const DEADLINE_COLUMN: Record<Deadline, string> = { packBy: 'pack_by', handoverBy: 'handover_by' };

export const openStatesSql = (deadline: Deadline) => OPEN_STATES[deadline].map((state) => `'${state}'`).join(', ');

interface Row extends BucketCounts {
  carrier: string | null;
  service: string;
}

function add(into: BucketCounts, from: BucketCounts): void {
  for (const bucket of BUCKETS) into[bucket] += from[bucket];
}

function groups(rows: Row[], key: (row: Row) => string | null): BucketGroup[] {
  const byKey = new Map<string | null, BucketCounts>();
  for (const row of rows) {
    const counts = byKey.get(key(row)) ?? emptyCounts();
    add(counts, row);
    byKey.set(key(row), counts);
  }
  return [...byKey]
    .map(([k, counts]) => ({ key: k, counts }))
    .sort((a, b) => String(a.key ?? '').localeCompare(String(b.key ?? '')));
}

function deadlineBuckets(db: Db, deadline: Deadline, edges: StationClock['edges']): DeadlineBuckets {
  const column = DEADLINE_COLUMN[deadline];
  // One pass over the open orders, in the order of a covering index (migration 11), counts all four buckets per
  // state, carrier and service; the states are added up here.
  const rows = db
    .prepare(
      `SELECT carrier, service,
         sum(${column} < @e0) AS overdue,
         sum(${column} >= @e0 AND ${column} < @e1) AS atRisk,
         sum(${column} >= @e1 AND ${column} < @e2) AS dueToday,
         sum(${column} >= @e2) AS later
       FROM orders
       WHERE station_state IN (${openStatesSql(deadline)}) AND ${column} IS NOT NULL
       GROUP BY station_state, carrier, service`,
    )
    .all({ e0: edges[0], e1: edges[1], e2: edges[2] }) as Row[];
  const total = emptyCounts();
  for (const row of rows) add(total, row);
  return { total, byCarrier: groups(rows, (row) => row.carrier), byService: groups(rows, (row) => row.service) };
}

export function dashboardBuckets(db: Db, clock: StationClock): DashboardBuckets {
  const result = Object.fromEntries(
    DEADLINES.map((deadline) => [deadline, deadlineBuckets(db, deadline, clock.edges)]),
  ) as Record<Deadline, DeadlineBuckets>;
  return {
    at: clock.now,
    edges: [...clock.edges],
    atRiskHours: clock.atRiskHours,
    timeZone: clock.timeZone,
    ...result,
  };
}
