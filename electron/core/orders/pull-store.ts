import type { PullSummary } from '../../../shared/contract/orders';
import type { Db } from '../db/database';

interface PullRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  trigger: PullSummary['trigger'];
  outcome: PullSummary['outcome'];
  pages: number;
  received: number;
  inserted: number;
  updated: number;
  cancelled: number;
  error_code: string | null;
  error_message: string | null;
}

export interface CatalogueSku {
  skuId: string;
  sellerSku: string;
  /** The SKU's GTIN / EAN / UPC / ISBN as the marketplace lists it; null when it has none. */
  code: string | null;
}

/** Pull history to keep: enough to see a day of minute-by-minute pulls. */
const KEEP_PULLS = 2000;

const summary = (row: PullRow): PullSummary => ({
  id: row.id,
  trigger: row.trigger,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  outcome: row.outcome,
  pages: row.pages,
  received: row.received,
  inserted: row.inserted,
  updated: row.updated,
  cancelled: row.cancelled,
  errorCode: row.error_code,
  errorMessage: row.error_message,
});

/** The pull's own tables: history, per-shop cursors, and the catalogue's barcodes (sku_barcodes, source 'marketplace'). */
export class PullStore {
  constructor(private readonly db: Db) {}

  start(trigger: PullSummary['trigger'], at: number): number {
    return Number(this.db.prepare('INSERT INTO marketplace_pulls (started_at, trigger) VALUES (?, ?)').run(at, trigger).lastInsertRowid);
  }

  /** Adds one stored page's counts; call inside the page's transaction. */
  recordPage(id: number, counts: { received: number; inserted: number; updated: number; cancelled: number }, cursor: { from: number | null; to: number | null }): void {
    this.db
      .prepare(
        `UPDATE marketplace_pulls SET pages = pages + 1, received = received + @received, inserted = inserted + @inserted,
           updated = updated + @updated, cancelled = cancelled + @cancelled,
           cursor_from = coalesce(min(cursor_from, @from), cursor_from, @from), cursor_to = coalesce(max(cursor_to, @to), cursor_to, @to)
         WHERE id = @id`,
      )
      .run({ id, ...counts, from: cursor.from, to: cursor.to });
  }

  finish(id: number, at: number, error: { code: string; message: string } | null): PullSummary {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE marketplace_pulls SET finished_at = ?, outcome = ?, error_code = ?, error_message = ? WHERE id = ?')
        .run(at, error ? 'failed' : 'ok', error?.code ?? null, error?.message ?? null, id);
      this.db.prepare('DELETE FROM marketplace_pulls WHERE id <= ?').run(id - KEEP_PULLS);
    })();
    return this.get(id)!;
  }

  get(id: number): PullSummary | null {
    const row = this.db.prepare('SELECT * FROM marketplace_pulls WHERE id = ?').get(id) as PullRow | undefined;
    return row ? summary(row) : null;
  }

  last(): PullSummary | null {
    const row = this.db.prepare('SELECT * FROM marketplace_pulls ORDER BY id DESC LIMIT 1').get() as PullRow | undefined;
    return row ? summary(row) : null;
  }

  lastSuccessAt(): number | null {
    const row = this.db.prepare("SELECT finished_at FROM marketplace_pulls WHERE outcome = 'ok' ORDER BY id DESC LIMIT 1").get() as { finished_at: number } | undefined;
    return row?.finished_at ?? null;
  }

  /** A pull the station was stopped in the middle of is not running any more. */
  abandonRunning(at: number): void {
    this.db
      .prepare("UPDATE marketplace_pulls SET outcome = 'failed', finished_at = ?, error_code = 'interrupted', error_message = 'The station stopped during this pull.' WHERE outcome = 'running'")
      .run(at);
  }

  /** Newest marketplace update_time (Unix seconds) already stored for the shop; null before its first pull. */
  cursor(shopId: string): number | null {
    const row = this.db.prepare('SELECT update_time FROM marketplace_cursors WHERE shop_id = ?').get(shopId) as { update_time: number } | undefined;
    return row?.update_time ?? null;
  }

  advanceCursor(shopId: string, updateTime: number, at: number): void {
    this.db
      .prepare(
        `INSERT INTO marketplace_cursors (shop_id, update_time, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(shop_id) DO UPDATE SET update_time = max(update_time, excluded.update_time), updated_at = excluded.updated_at`,
      )
      .run(shopId, updateTime, at);
  }

  /** Of these orders, the ones the station already has. */
  knownOrders(ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const rows = this.db.prepare(`SELECT id FROM orders WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /** Of these products, the ones the product API has not been asked about yet. */
  unknownProducts(productIds: readonly string[]): string[] {
    if (productIds.length === 0) return [];
    const rows = this.db
      .prepare('SELECT product_id FROM catalogue_products WHERE product_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(productIds)) as Array<{ product_id: string }>;
    const known = new Set(rows.map((row) => row.product_id));
    return productIds.filter((id) => !known.has(id));
  }

  /**
   * Records a product's SKU barcodes from the marketplace. A code a supervisor linked by hand ('alias') is never
   * overwritten; a SKU whose marketplace code changed loses the old one.
   */
  saveProduct(productId: string, title: string, skus: readonly CatalogueSku[], at: number): void {
    this.db
      .prepare('INSERT INTO catalogue_products (product_id, title, fetched_at) VALUES (?, ?, ?) ON CONFLICT(product_id) DO UPDATE SET title = excluded.title, fetched_at = excluded.fetched_at')
      .run(productId, title, at);
    const dropStale = this.db.prepare("DELETE FROM sku_barcodes WHERE sku_id = ? AND source = 'marketplace' AND code IS NOT ?");
    const upsert = this.db.prepare(
      `INSERT INTO sku_barcodes (code, sku_id, seller_sku, source, created_at, created_by) VALUES (?, ?, ?, 'marketplace', ?, NULL)
       ON CONFLICT(code) DO UPDATE SET sku_id = excluded.sku_id, seller_sku = excluded.seller_sku WHERE sku_barcodes.source = 'marketplace'`,
    );
    for (const sku of skus) {
      dropStale.run(sku.skuId, sku.code);
      if (sku.code) upsert.run(sku.code, sku.skuId, sku.sellerSku, at);
    }
  }
}
