import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { OrderStore } from '../../electron/core/orders/order-store';
import type { OrderInput } from '../../shared/domain/orders/order';
import { makeOrder } from './order-fixtures';

/** A migrated station database in a throwaway folder. */
export function tempDb(): { db: Db; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-sync-'));
  return { db: openDatabase(join(dir, 'packbench.sqlite')), dir };
}

/** Puts orders (one package each, `pkg-<id>`) into the database as a pull would. */
export function seedOrders(
  db: Db,
  ids: readonly string[],
  overrides: Partial<OrderInput> = {},
  now = Date.now(),
): void {
  new OrderStore(db).upsertFromMarketplace(
    ids.map((id) => ({ order: makeOrder({ id, ...overrides }, now), raw: { id } })),
    now,
  );
}
