import type { Migration } from './index';

/**
 * The outbox (every write owed to the marketplace, with its attempts as sync history), carrier pickups with their
 * handover manifests, and parcel/handover photos. Times are Unix milliseconds.
 */
export const outboxPickupsPhotos: Migration = {
  version: 3,
  name: 'outbox-pickups-photos',
  up: `
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  -- Writes of one stream (a package) are sent strictly in id order.
  stream TEXT NOT NULL,
  order_id TEXT,
  package_id TEXT,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'cancelled')),
  -- 1 from before a request may leave until its answer is recorded: after a crash or a lost answer the worker asks
  -- the marketplace whether the write landed before it sends it again.
  in_doubt INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  station_id TEXT,
  done_at INTEGER,
  outcome TEXT CHECK (outcome IN ('sent', 'confirmed_upstream', 'already_applied')),
  error_code TEXT,
  error_message TEXT,
  request_id TEXT,
  action TEXT CHECK (action IN ('void_and_pull', 'fix_tracking', 'retry', 'reconnect'))
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_stream ON outbox(stream, state, id);
CREATE INDEX outbox_by_order ON outbox(order_id);

CREATE TABLE outbox_attempts (
  id INTEGER PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('sent', 'transient', 'permanent', 'in_doubt', 'confirmed_upstream', 'already_applied')),
  code TEXT,
  message TEXT,
  request_id TEXT,
  duration_ms INTEGER
);
CREATE INDEX outbox_attempts_by_row ON outbox_attempts(outbox_id, at);

CREATE TABLE pickups (
  id INTEGER PRIMARY KEY,
  carrier TEXT NOT NULL,
  shipping_type TEXT NOT NULL CHECK (shipping_type IN ('TIKTOK', 'SELLER')),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'booked', 'closed')),
  handover_method TEXT CHECK (handover_method IN ('PICKUP', 'DROP_OFF')),
  slot_start INTEGER,
  slot_end INTEGER,
  ready_at INTEGER,
  close_at INTEGER,
  parcel_count INTEGER,
  total_weight_g INTEGER,
  confirmation_number TEXT,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  booked_at INTEGER,
  closed_at INTEGER
);
CREATE INDEX pickups_by_state ON pickups(state, carrier);

CREATE TABLE pickup_parcels (
  pickup_id INTEGER NOT NULL REFERENCES pickups(id) ON DELETE CASCADE,
  package_id TEXT NOT NULL REFERENCES packages(id),
  order_id TEXT NOT NULL REFERENCES orders(id),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (pickup_id, package_id)
);
CREATE INDEX pickup_parcels_by_package ON pickup_parcels(package_id);

CREATE TABLE manifests (
  id INTEGER PRIMARY KEY,
  pickup_id INTEGER NOT NULL REFERENCES pickups(id),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  opened_at INTEGER NOT NULL,
  opened_by INTEGER REFERENCES users(id),
  closed_at INTEGER,
  closed_by INTEGER REFERENCES users(id),
  driver_name TEXT
);
CREATE INDEX manifests_by_pickup ON manifests(pickup_id);

CREATE TABLE manifest_scans (
  id INTEGER PRIMARY KEY,
  manifest_id INTEGER NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  package_id TEXT,
  verdict TEXT NOT NULL CHECK (verdict IN ('expected', 'duplicate', 'foreign', 'unknown')),
  at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX manifest_scans_by_manifest ON manifest_scans(manifest_id, package_id);

CREATE TABLE photos (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  taken_at INTEGER NOT NULL,
  station_id TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('pack', 'handover', 'extra')),
  order_id TEXT REFERENCES orders(id),
  manifest_id INTEGER REFERENCES manifests(id)
);
CREATE INDEX photos_by_order ON photos(order_id);
CREATE INDEX photos_by_manifest ON photos(manifest_id);

-- A photo that could not be taken (no camera, permission refused) leaves its reason instead.
CREATE TABLE photo_misses (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  station_id TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('pack', 'handover', 'extra')),
  order_id TEXT REFERENCES orders(id),
  manifest_id INTEGER REFERENCES manifests(id),
  reason TEXT NOT NULL
);
CREATE INDEX photo_misses_by_order ON photo_misses(order_id);
`,
};
