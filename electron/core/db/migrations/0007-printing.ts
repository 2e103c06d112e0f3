import type { Migration } from './index';

/**
 * Print jobs (written before any byte goes to a printer), batches, carriers' tracking-number ranges and what the
 * built-in virtual printer received. Times are Unix milliseconds.
 */
export const printing: Migration = {
  version: 7,
  name: 'printing',
  up: `
CREATE TABLE print_batches (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'paused', 'cancelled', 'done')),
  total INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  order_id TEXT REFERENCES orders(id),
  batch_id INTEGER REFERENCES print_batches(id),
  kind TEXT NOT NULL CHECK (kind IN ('label', 'reprint', 'test', 'document')),
  -- queued: waiting its turn (or for the printer: waiting_reason says why); sent: bytes are going out;
  -- done / failed (error says why) / cancelled (never sent) / voided (a printed label declared void).
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'done', 'failed', 'cancelled', 'voided')),
  printer_uri TEXT NOT NULL,
  language TEXT NOT NULL,
  tracking_number TEXT,
  -- The parcel weight printed on the label (the station weighs nothing itself: the packer's entry or the default).
  weight_grams INTEGER,
  payload BLOB,
  attempts INTEGER NOT NULL DEFAULT 0,
  waiting_reason TEXT,
  error TEXT,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  sent_at INTEGER,
  done_at INTEGER,
  station_id TEXT NOT NULL
);
CREATE INDEX print_jobs_due ON print_jobs(state, next_attempt_at, id);
CREATE INDEX print_jobs_by_order ON print_jobs(order_id, id);
CREATE INDEX print_jobs_by_batch ON print_jobs(batch_id, state);
-- One live first label per order: a second print of the same order is refused (a reprint is a kind of its own).
CREATE UNIQUE INDEX print_jobs_one_label ON print_jobs(order_id) WHERE kind = 'label' AND state IN ('queued', 'sent', 'done');

CREATE TABLE tracking_ranges (
  id INTEGER PRIMARY KEY,
  carrier TEXT NOT NULL,
  format_id TEXT NOT NULL,
  prefix TEXT NOT NULL,
  suffix TEXT NOT NULL DEFAULT '',
  serial_width INTEGER NOT NULL,
  first_serial INTEGER NOT NULL,
  last_serial INTEGER NOT NULL,
  next_serial INTEGER NOT NULL,
  shipping_provider_id TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE INDEX tracking_ranges_by_carrier ON tracking_ranges(carrier, active);

CREATE TABLE virtual_prints (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  language TEXT NOT NULL,
  byte_count INTEGER NOT NULL,
  text TEXT NOT NULL,
  barcodes TEXT NOT NULL,
  pages INTEGER NOT NULL,
  png BLOB,
  bytes BLOB NOT NULL
);
`,
};
