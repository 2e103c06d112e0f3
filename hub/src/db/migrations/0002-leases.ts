import type { HubMigration } from './index';

/**
 * Which desk works which order. One row per leased order (the primary key makes a second holder impossible); an
 * expired row is free to take. lease_events keeps every change, for throughput and for telling a desk that comes
 * back which of its orders went elsewhere.
 */
export const leases: HubMigration = {
  version: 2,
  name: 'leases',
  up: `
CREATE TABLE desks (
  id TEXT PRIMARY KEY,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);

CREATE TABLE leases (
  order_id TEXT PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  desk_id TEXT NOT NULL REFERENCES desks (id),
  packer TEXT,
  -- open: a packer has it on screen; batch: held in the desk's standing batch for offline work
  kind TEXT NOT NULL CHECK (kind IN ('open', 'batch')),
  claimed_at BIGINT NOT NULL,
  renewed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX leases_desk ON leases (desk_id);
CREATE INDEX leases_expiry ON leases (expires_at);

CREATE TABLE lease_events (
  id BIGSERIAL PRIMARY KEY,
  order_id TEXT NOT NULL,
  desk_id TEXT NOT NULL,
  packer TEXT,
  event TEXT NOT NULL CHECK (event IN ('claimed', 'released', 'done', 'held', 'expired', 'supervisor_released')),
  at BIGINT NOT NULL
);
CREATE INDEX lease_events_desk ON lease_events (desk_id, at);
CREATE INDEX lease_events_done ON lease_events (at) WHERE event = 'done';
`,
};
