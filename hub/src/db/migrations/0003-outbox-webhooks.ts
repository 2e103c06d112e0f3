import type { HubMigration } from './index';

/**
 * Marketplace writes handed over by desks, sent by the hub alone. (desk_id, write_key) is the desk's own
 * idempotency key, so a write handed over twice is one row. in_doubt is set, and committed, before a request leaves:
 * a row found in doubt after a crash is checked upstream before it is sent again.
 */
export const outboxWebhooks: HubMigration = {
  version: 3,
  name: 'outbox-webhooks',
  up: `
CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY,
  desk_id TEXT NOT NULL,
  write_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  write JSONB NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  in_doubt BOOLEAN NOT NULL DEFAULT FALSE,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  outcome TEXT CHECK (outcome IN ('sent', 'confirmed_upstream', 'already_applied')),
  created_package_id TEXT,
  error_kind TEXT,
  error_message TEXT,
  UNIQUE (desk_id, write_key)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_package ON outbox (package_id, id);

CREATE TABLE webhook_events (
  id BIGSERIAL PRIMARY KEY,
  notification_id TEXT,
  type INTEGER NOT NULL,
  shop_id TEXT NOT NULL,
  order_ids TEXT[] NOT NULL,
  payload JSONB NOT NULL,
  received_at BIGINT NOT NULL,
  handled_at BIGINT
);
CREATE UNIQUE INDEX webhook_events_notification ON webhook_events (notification_id) WHERE notification_id IS NOT NULL;
CREATE INDEX webhook_events_pending ON webhook_events (id) WHERE handled_at IS NULL;
`,
};
