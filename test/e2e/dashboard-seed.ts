import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderInput } from '../../shared/domain/orders/order';
import { closeDatabase, openDatabase } from '../../electron/core/db/database';
import { OrderStore } from '../../electron/core/orders/order-store';
import { DATABASE_FILE } from '../../electron/core/station/station';

/**
 * Writes orders into a fresh station's database before the station starts, through the real migrations and the
 * real OrderStore: the way orders pulled earlier would be waiting there. No test-only call exists in the contract.
 */
export function seededDataDir(orders: readonly OrderInput[]): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'packbench-e2e-seeded-'));
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    new OrderStore(db).upsertFromMarketplace(
      orders.map((order) => ({ order, raw: { seeded: true } })),
      Date.now(),
    );
  } finally {
    closeDatabase(db);
  }
  return dataDir;
}

/**
 * A time zone where it is now a little past 02:00, so "due today" has room between the 6 h at-risk window and
 * local midnight whenever the test runs. Etc/GMT zones count the other way round: Etc/GMT-8 is UTC+8.
 */
export function zoneAtTwoInTheMorning(now = Date.now()): string {
  let offset = 2 - new Date(now).getUTCHours();
  if (offset < -12) offset += 24;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
