import type { DrillDown, OrderBrief } from '../../../shared/contract/dashboard';
import { bucketRange } from '../../../shared/domain/deadlines/buckets';
import type { Db } from '../db/database';
import { NotFound } from '../errors/domain-errors';
import { DEADLINE_COLUMN, openStatesSql } from './buckets-query';
import { labelsIn, PICKUP_MISSING_SQL, pickupMissingParams } from './health-query';
import { periodRange } from './period';
import type { StationClock } from './station-clock';
import { ITEM_SCAN_ERRORS, PACKED_SESSIONS, sqlList } from './throughput-query';

interface Query {
  /** FROM orders o WHERE ...: the page of orders. */
  from: string;
  /** How many orders in all, when counting them by `from` would read more than needed. */
  count?: string;
  params: Record<string, unknown>;
  orderBy: string;
}

function query(db: Db, filter: DrillDown, clock: StationClock): Query {
  switch (filter.kind) {
    case 'bucket': {
      const column = DEADLINE_COLUMN[filter.deadline];
      const { from, to } = bucketRange(filter.bucket, clock.edges);
      const where = [`o.station_state IN (${openStatesSql(filter.deadline)})`, `o.${column} IS NOT NULL`];
      if (from !== null) where.push(`o.${column} >= @from`);
      if (to !== null) where.push(`o.${column} < @to`);
      if (filter.carrier === null) where.push('o.carrier IS NULL');
      else if (filter.carrier !== undefined) where.push('o.carrier = @carrier');
      if (filter.service) where.push('o.service = @service');
      return {
        from: `FROM orders o WHERE ${where.join(' AND ')}`,
        params: { from, to, carrier: filter.carrier, service: filter.service },
        orderBy: `o.${column}, o.id`,
      };
    }
    case 'packed': {
      const range = periodRange(filter.period, clock);
      const from = filter.slotStart ?? range.from;
      const to = filter.slotStart === undefined ? range.to : filter.slotStart + range.slotMs;
      const packer =
        filter.packerId === null
          ? ' AND o.packed_by IS NULL'
          : filter.packerId === undefined
            ? ''
            : ' AND o.packed_by = @packerId';
      const params = { from, to, stationId: filter.stationId, packerId: filter.packerId };
      if (filter.stationId !== undefined && !packer) {
        // A desk's sessions are counted and paged from their own index; only the page's orders are read.
        const sessions = `FROM pack_sessions ps WHERE ps.station_id = @stationId AND ps.state IN (${sqlList(PACKED_SESSIONS)})
          AND ps.closed_at >= @from AND ps.closed_at < @to`;
        return {
          from: `FROM orders o WHERE o.id IN (SELECT ps.order_id ${sessions} ORDER BY ps.closed_at DESC LIMIT @limit)`,
          count: `SELECT count(DISTINCT ps.order_id) ${sessions}`,
          params,
          orderBy: 'o.packed_at DESC, o.id',
        };
      }
      const station =
        filter.stationId === undefined
          ? ''
          : ` AND o.id IN (SELECT ps.order_id FROM pack_sessions ps WHERE ps.station_id = @stationId
              AND ps.state IN (${sqlList(PACKED_SESSIONS)}) AND ps.closed_at >= @from AND ps.closed_at < @to)`;
      return {
        from: `FROM orders o WHERE o.packed_at >= @from AND o.packed_at < @to${packer}${station}`,
        params,
        orderBy: 'o.packed_at DESC, o.id',
      };
    }
    case 'held': {
      const range = periodRange(filter.period, clock);
      const reason = filter.reason === undefined ? '' : 'AND h.reason = @reason';
      return {
        from: `FROM orders o WHERE o.id IN (SELECT h.order_id FROM pack_holds h WHERE h.held_at >= @from AND h.held_at < @to ${reason})`,
        params: { from: range.from, to: range.to, reason: filter.reason },
        orderBy: 'o.pack_by, o.id',
      };
    }
    case 'scanErrors': {
      const range = periodRange(filter.period, clock);
      return {
        from: `FROM orders o WHERE o.id IN (SELECT s.order_id FROM scan_events s
                 WHERE s.at >= @from AND s.at < @to AND s.verdict IN (${sqlList(ITEM_SCAN_ERRORS)}))`,
        params: { from: range.from, to: range.to },
        orderBy: 'o.packed_at DESC, o.id',
      };
    }
    case 'unsent':
    case 'failedWrites': {
      const state = filter.kind === 'unsent' ? 'pending' : 'failed';
      return {
        from: `FROM orders o WHERE o.id IN (SELECT order_id FROM outbox WHERE state = '${state}')`,
        params: {},
        orderBy: 'o.pack_by, o.id',
      };
    }
    case 'labels': {
      return {
        from: `FROM orders o WHERE o.id IN (${labelsIn(filter.state)})`,
        params: {},
        orderBy: 'o.packed_at, o.id',
      };
    }
    case 'pickupParcels': {
      return {
        from: 'FROM orders o WHERE o.id IN (SELECT pp.order_id FROM pickup_parcels pp WHERE pp.pickup_id = @pickupId)',
        params: { pickupId: filter.pickupId },
        orderBy: 'o.handover_by, o.id',
      };
    }
    case 'pickupMissing': {
      const params = pickupMissingParams(db, filter.pickupId, clock);
      if (!params) throw new NotFound(`There is no pickup ${filter.pickupId}.`);
      return { from: PICKUP_MISSING_SQL, params, orderBy: 'o.handover_by, o.id' };
    }
  }
}

interface Row {
  id: string;
  status: OrderBrief['status'];
  station_state: OrderBrief['stationState'];
  carrier: string | null;
  service: OrderBrief['service'];
  paid_at: number | null;
  pack_by: number | null;
  handover_by: number | null;
  packed_at: number | null;
  packed_by_name: string | null;
  hold_reason: string | null;
}

/** The orders behind a number on the dashboard, in the order a supervisor would work them. */
export function drillDown(
  db: Db,
  filter: DrillDown,
  limit: number,
  clock: StationClock,
): { total: number; orders: OrderBrief[] } {
  const q = query(db, filter, clock);
  const params = { ...q.params, limit };
  const total = db
    .prepare(q.count ?? `SELECT count(*) ${q.from}`)
    .pluck()
    .get(params) as number;
  const rows = db
    .prepare(
      `SELECT o.id, o.status, o.station_state, o.carrier, o.service, o.paid_at, o.pack_by, o.handover_by, o.packed_at,
         (SELECT name FROM users WHERE id = o.packed_by) AS packed_by_name, o.hold_reason
       ${q.from} ORDER BY ${q.orderBy} LIMIT @limit`,
    )
    .all(params) as Row[];
  return {
    total,
    orders: rows.map((row) => ({
      id: row.id,
      status: row.status,
      stationState: row.station_state,
      carrier: row.carrier,
      service: row.service,
      paidAt: row.paid_at,
      packBy: row.pack_by,
      handoverBy: row.handover_by,
      packedAt: row.packed_at,
      packedBy: row.packed_by_name,
      holdReason: row.hold_reason,
    })),
  };
}
