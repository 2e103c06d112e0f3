import type { AuditFilter, AuditRow } from '../../../shared/contract/audit';
import type { Db } from '../db/database';

interface Row {
  id: number;
  at: number;
  station_id: string;
  user_id: number | null;
  user_name: string | null;
  action: string;
  order_id: string | null;
  details: string;
}

/** Builds the WHERE clause of a filter; an action ending in "." matches the whole family (pack.scan, pack.hold...). */
function where(filter: AuditFilter & { beforeId?: number }): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.from !== undefined) {
    clauses.push('a.at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    clauses.push('a.at < @to');
    params.to = filter.to;
  }
  if (filter.userId !== undefined) {
    clauses.push('a.user_id = @userId');
    params.userId = filter.userId;
  }
  if (filter.action) {
    if (filter.action.endsWith('.')) {
      // A range instead of LIKE so the action index is used and "_" or "%" in a name mean nothing special.
      clauses.push('a.action >= @actionFrom AND a.action < @actionTo');
      params.actionFrom = filter.action;
      params.actionTo = filter.action.slice(0, -1) + '/';
    } else {
      clauses.push('a.action = @action');
      params.action = filter.action;
    }
  }
  if (filter.orderId) {
    clauses.push('a.order_id = @orderId');
    params.orderId = filter.orderId;
  }
  if (filter.stationId) {
    clauses.push('a.station_id = @stationId');
    params.stationId = filter.stationId;
  }
  if (filter.beforeId !== undefined) {
    clauses.push('a.id < @beforeId');
    params.beforeId = filter.beforeId;
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { raw: text };
  }
}

/** Newest first. */
export function* auditRows(db: Db, filter: AuditFilter & { beforeId?: number }, limit: number): Generator<AuditRow> {
  const { sql, params } = where(filter);
  const statement = db.prepare(
    `SELECT a.id, a.at, a.station_id, a.user_id, u.name AS user_name, a.action, a.order_id, a.details
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${sql} ORDER BY a.id DESC LIMIT @limit`,
  );
  for (const row of statement.iterate({ ...params, limit }) as IterableIterator<Row>) {
    yield {
      id: row.id,
      at: row.at,
      stationId: row.station_id,
      userId: row.user_id,
      userName: row.user_name,
      action: row.action,
      orderId: row.order_id,
      details: parseDetails(row.details),
    };
  }
}

export function auditPage(
  db: Db,
  filter: AuditFilter & { beforeId?: number },
  limit: number,
): { rows: AuditRow[]; hasMore: boolean } {
  const rows = [...auditRows(db, filter, limit + 1)];
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

export function auditFacets(db: Db): {
  actions: string[];
  stations: string[];
  users: Array<{ id: number; name: string }>;
} {
  return {
    actions: db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all() as string[],
    stations: db.prepare('SELECT DISTINCT station_id FROM audit_log ORDER BY station_id').pluck().all() as string[],
    users: db.prepare('SELECT id, name FROM users ORDER BY name COLLATE NOCASE').all() as Array<{
      id: number;
      name: string;
    }>,
  };
}
