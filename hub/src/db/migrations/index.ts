import { orders } from './0001-orders';
import { leases } from './0002-leases';
import { outboxWebhooks } from './0003-outbox-webhooks';
import { freeQueue } from './0004-free-queue';
import { dashboard } from './0005-dashboard';
import { packedPerHour } from './0006-packed-per-hour';
import { catalogue } from './0007-catalogue';

export interface HubMigration {
  version: number;
  name: string;
  up: string;
}

/** Every hub schema change, in order; a new one is a new numbered file added at the end. */
export const hubMigrations: readonly HubMigration[] = [
  orders,
  leases,
  outboxWebhooks,
  freeQueue,
  dashboard,
  packedPerHour,
  catalogue,
];

hubMigrations.forEach((migration, index) => {
  if (migration.version !== index + 1) throw new Error(`hub migration ${migration.name} must be number ${index + 1}`);
});
