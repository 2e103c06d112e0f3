import type { Health } from '../../../shared/contract/dashboard';
import { OPEN_STATES } from '../../../shared/domain/deadlines/buckets';
import type { Db } from '../db/database';
import type { StationClock } from './station-clock';
import { sqlList } from './throughput-query';

type PickupRow = Health['pickups']['pickups'][number];

function sync(db: Db): Health['sync'] {
  const row = db
    .prepare(
      `SELECT count(*) FILTER (WHERE state = 'pending') AS backlog, count(*) FILTER (WHERE state = 'failed') AS failed,
         min(created_at) AS oldestUnsentAt
       FROM outbox WHERE state IN ('pending', 'failed')`,
    )
    .get() as { backlog: number; failed: number; oldestUnsentAt: number | null };
  return row;
}

/** The fulfillment workflow's label states (shipments.label_state) behind each count of the labels panel. */
const LABEL_STATES = {
  waiting: ['ship_queued', 'waiting_tiktok'],
  scanTracking: ['scan_tracking'],
  failed: ['failed'],
} as const;

/** Packed parcels only: before packing, a label fetched ahead (prefetch) is not late for anyone. */
export const labelsIn = (state: keyof typeof LABEL_STATES) =>
  `SELECT s.order_id FROM shipments s WHERE s.packed = 1 AND s.label_state IN (${sqlList(LABEL_STATES[state])})`;

function labels(db: Db): Health['labels'] {
  const count = (state: keyof typeof LABEL_STATES) =>
    db
      .prepare(`SELECT count(*) FROM (${labelsIn(state)})`)
      .pluck()
      .get() as number;
  const oldestWaitingAt = db
    .prepare(`SELECT min(o.packed_at) FROM orders o WHERE o.id IN (${labelsIn('waiting')})`)
    .pluck()
    .get() as number | null;
  return {
    waiting: count('waiting'),
    oldestWaitingAt,
    scanTracking: count('scanTracking'),
    failed: count('failed'),
  };
}

/**
 * Orders a pickup should take but that are on no pickup yet: same carrier, still to hand over, and either labelled
 * (ready to go) or due for handover before the pickup's window closes (before the end of today without a window).
 */
export const PICKUP_MISSING_SQL = `
  FROM orders o
  WHERE o.carrier = @carrier AND o.station_state IN (${sqlList(OPEN_STATES.handoverBy)})
    AND (o.station_state = 'labelled' OR o.handover_by < @dueBefore)
    AND NOT EXISTS (SELECT 1 FROM pickup_parcels pp WHERE pp.order_id = o.id)`;

export function pickupMissingParams(
  db: Db,
  pickupId: number,
  clock: StationClock,
): { carrier: string; dueBefore: number } | null {
  const row = db.prepare('SELECT carrier, slot_end FROM pickups WHERE id = ?').get(pickupId) as
    | { carrier: string; slot_end: number | null }
    | undefined;
  return row ? { carrier: row.carrier, dueBefore: row.slot_end ?? clock.today.end } : null;
}

function pickups(db: Db, clock: StationClock): Health['pickups'] {
  const rows = db
    .prepare(
      `SELECT p.id, p.carrier, p.handover_method AS method, p.state, p.slot_start AS slotStart, p.slot_end AS slotEnd,
         (SELECT count(*) FROM pickup_parcels pp WHERE pp.pickup_id = p.id) AS parcels
       FROM pickups p
       WHERE p.state IN ('open', 'booked') AND (p.slot_start IS NULL OR (p.slot_start < @end AND coalesce(p.slot_end, p.slot_start) >= @start))
       ORDER BY p.slot_start IS NULL, p.slot_start, p.id`,
    )
    .all(clock.today) as Array<Omit<PickupRow, 'missing'>>;
  const missing = db.prepare(`SELECT count(*) ${PICKUP_MISSING_SQL}`).pluck();
  return {
    pickups: rows.map((row) => ({ ...row, missing: missing.get(pickupMissingParams(db, row.id, clock)!) as number })),
  };
}

type PrinterRow = Health['printers']['printers'][number];

/**
 * Printers as their print jobs show them: the last job says whether the printer works (done), is waiting (the reason
 * the printing service gave: offline, out of labels) or failed (its error).
 */
function printers(db: Db): Health['printers'] {
  const queued = new Map(
    (
      db
        .prepare(
          "SELECT printer_uri AS uri, count(*) AS n FROM print_jobs WHERE state IN ('queued', 'sent') GROUP BY printer_uri",
        )
        .all() as Array<{ uri: string; n: number }>
    ).map((row) => [row.uri, row.n]),
  );
  const last = db.prepare('SELECT state, waiting_reason, error FROM print_jobs WHERE id = ?');
  // Hops from one printer to the next through the index instead of reading every job ever printed.
  const printersUsed = db.prepare(
    `WITH RECURSIVE printer(uri) AS (
       SELECT min(printer_uri) FROM print_jobs
       UNION ALL SELECT (SELECT min(printer_uri) FROM print_jobs WHERE printer_uri > printer.uri) FROM printer WHERE printer.uri IS NOT NULL
     )
     SELECT uri, (SELECT max(id) FROM print_jobs WHERE printer_uri = printer.uri) AS lastId FROM printer WHERE uri IS NOT NULL`,
  );
  const list = (printersUsed.all() as Array<{ uri: string; lastId: number }>).map(({ uri, lastId }): PrinterRow => {
    const job = last.get(lastId) as { state: string; waiting_reason: string | null; error: string | null };
    const state =
      job.state === 'failed'
        ? 'failed'
        : job.waiting_reason
          ? 'waiting'
          : job.state === 'queued' || job.state === 'sent'
            ? 'printing'
            : 'ready';
    return {
      id: uri,
      name: uri,
      state,
      detail: state === 'failed' ? job.error : state === 'waiting' ? job.waiting_reason : null,
      queued: queued.get(uri) ?? 0,
    };
  });
  return { printers: list };
}

/** What needs a supervisor's hand besides deadlines: writes stuck on their way to the marketplace, labels, printers, pickups. */
export function health(db: Db, clock: StationClock): Health {
  return { at: clock.now, sync: sync(db), labels: labels(db), printers: printers(db), pickups: pickups(db, clock) };
}
