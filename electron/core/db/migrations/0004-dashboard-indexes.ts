import type { Migration } from './index';

/**
 * Indexes the supervisor's dashboard and audit screen need to stay fast at 100,000 orders: deadline buckets read
 * only the open orders through a covering index per deadline; throughput and paid-to-packed read a time range of
 * packed orders; audit filters go by action or user within a time range.
 */
export const dashboardIndexes: Migration = {
  version: 4,
  name: 'dashboard-indexes',
  up: `
CREATE INDEX orders_pack_deadline ON orders(station_state, pack_by, carrier, service);
CREATE INDEX orders_handover_deadline ON orders(station_state, handover_by, carrier, service);
CREATE INDEX orders_by_packed ON orders(packed_at, packed_by, paid_at);
CREATE INDEX audit_log_by_action ON audit_log(action, at);
CREATE INDEX audit_log_by_user ON audit_log(user_id, at);
`,
};
