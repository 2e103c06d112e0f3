import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Reads a running station's database (read-only, beside the station's own connection), as an audit would. */
export function queryStationDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'packbench.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** What each unit of an order scans as: its product barcode where the catalogue has one, else its seller SKU. */
export function orderScanCodes(dataDir: string, orderId: string): string[] {
  return queryStationDb<{ code: string }>(
    dataDir,
    `SELECT coalesce((SELECT min(code) FROM sku_barcodes b WHERE b.sku_id = l.sku_id), l.seller_sku) AS code FROM order_lines l WHERE l.order_id = ? ORDER BY l.rowid`,
    orderId,
  ).map((row) => row.code);
}
