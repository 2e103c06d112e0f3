import type { Migration } from './index';

/**
 * The pack screen's record. pack_sessions: one row per time an order is opened at a desk; `progress` is the
 * verification state (counts, steps, serials) rewritten in the same transaction as each scan, so a restart resumes
 * exactly where the packer was. scan_events: every scan and its verdict, with desk, user, order and time.
 * pack_holds / pack_overrides: why an order stopped, who released it, and who signed off unverified lines.
 * pack_serials: serial numbers captured per unit.
 */
export const pack: Migration = {
  version: 5,
  name: 'pack',
  up: `
CREATE TABLE pack_sessions (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  station_id TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  state TEXT NOT NULL CHECK (state IN ('open', 'completed', 'overridden', 'held', 'cancelled')),
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  progress TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX pack_sessions_one_open_per_order ON pack_sessions(order_id) WHERE state = 'open';
CREATE INDEX pack_sessions_by_station ON pack_sessions(station_id, state, closed_at);

CREATE TABLE scan_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  station_id TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  order_id TEXT,
  session_id INTEGER REFERENCES pack_sessions(id),
  source TEXT NOT NULL CHECK (source IN ('scanner', 'manual', 'typed', 'button')),
  code TEXT NOT NULL,
  verdict TEXT NOT NULL,
  line_key TEXT,
  amount INTEGER
);
CREATE INDEX scan_events_by_order ON scan_events(order_id, at);
CREATE INDEX scan_events_by_time ON scan_events(at, verdict);

CREATE TABLE pack_holds (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  station_id TEXT NOT NULL,
  held_by INTEGER REFERENCES users(id),
  reason TEXT NOT NULL CHECK (reason IN ('damaged', 'missing_stock', 'address_problem', 'other')),
  note TEXT NOT NULL DEFAULT '',
  held_at INTEGER NOT NULL,
  released_at INTEGER,
  released_by INTEGER REFERENCES users(id),
  release_note TEXT
);
CREATE INDEX pack_holds_open ON pack_holds(released_at, held_at);
CREATE INDEX pack_holds_by_order ON pack_holds(order_id);

CREATE TABLE pack_overrides (
  id INTEGER PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id),
  session_id INTEGER NOT NULL REFERENCES pack_sessions(id),
  station_id TEXT NOT NULL,
  packer_id INTEGER REFERENCES users(id),
  supervisor_id INTEGER NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  unverified TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX pack_overrides_by_order ON pack_overrides(order_id);

CREATE TABLE pack_serials (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES pack_sessions(id),
  order_id TEXT NOT NULL REFERENCES orders(id),
  sku_id TEXT NOT NULL,
  serial TEXT NOT NULL,
  at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (session_id, sku_id, serial)
);

-- A scan that matches no line is told apart (wrong item vs unknown code) by looking the code up by seller SKU.
CREATE INDEX order_lines_by_seller_sku ON order_lines(seller_sku);
`,
};
