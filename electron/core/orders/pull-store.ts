import type { PullSummary, ShopPullError, UnreadableOrder } from '../../../shared/contract/orders';
import type { Statement } from 'better-sqlite3';
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
  shop_errors: string;
}

interface UnreadableRow {
  shop_id: string;
  order_id: string;
  field: string;
  reason: string;
  first_seen_at: number;
  last_tried_at: number;
  attempts: number;
}

/** Where a shop's first pull stands: see migration 0012. */
export interface FirstWalk {
  startCursor: number;
  statusIndex: number;
  /** update_time (Unix seconds) the interrupted status walk goes on from; null: from its start. */
  resumeFrom: number | null;
}

export interface CatalogueSku {
  skuId: string;
  sellerSku: string;
  /** The SKU's GTIN / EAN / UPC / ISBN / JAN as the marketplace lists it; null when it has none. */
  code: string | null;
}

/**
 * WAL frames a pull may pile up before SQLite copies them into the database (4 KiB pages: 200 MB). Each stored page
 * rewrites many of the same index pages: checkpointed every 1,000 frames (SQLite's default), a 10,000-order pull
 * copied 32,000 frames in 30 checkpoints, each waiting for the disk; held to its end, it copies 13,000 frames once.
 */
const PULL_CHECKPOINT_FRAMES = 50_000;

/** Pull history to keep: enough to see a day of minute-by-minute pulls. */
const KEEP_PULLS = 2000;

/** A failed product lookup is tried again after 1 min, then twice as long each time, at most every 6 h. */
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;

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
  shopErrors: JSON.parse(row.shop_errors) as ShopPullError[],
});

/** The pull's own tables: history, per-shop cursors, and the catalogue's barcodes (sku_barcodes, source 'marketplace'). */
export class PullStore {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** Prepared once per store: a full pull runs most of these for each of its hundred pages. */
  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  start(trigger: PullSummary['trigger'], at: number): number {
    return Number(
      this.statement('INSERT INTO marketplace_pulls (started_at, trigger) VALUES (?, ?)').run(at, trigger)
        .lastInsertRowid,
    );
  }

  /** Adds one stored page's counts; call inside the page's transaction. */
  recordPage(
    id: number,
    counts: { received: number; inserted: number; updated: number; cancelled: number },
    cursor: { from: number | null; to: number | null },
  ): void {
    this.statement(
      `UPDATE marketplace_pulls SET pages = pages + 1, received = received + @received, inserted = inserted + @inserted,
           updated = updated + @updated, cancelled = cancelled + @cancelled,
           cursor_from = coalesce(min(cursor_from, @from), cursor_from, @from), cursor_to = coalesce(max(cursor_to, @to), cursor_to, @to)
         WHERE id = @id`,
    ).run({ id, ...counts, from: cursor.from, to: cursor.to });
  }

  finish(
    id: number,
    at: number,
    error: { code: string; message: string } | null,
    shopErrors: readonly ShopPullError[] = [],
  ): PullSummary {
    this.db.transaction(() => {
      this.statement(
        'UPDATE marketplace_pulls SET finished_at = ?, outcome = ?, error_code = ?, error_message = ?, shop_errors = ? WHERE id = ?',
      ).run(at, error ? 'failed' : 'ok', error?.code ?? null, error?.message ?? null, JSON.stringify(shopErrors), id);
      this.statement('DELETE FROM marketplace_pulls WHERE id <= ?').run(id - KEEP_PULLS);
    })();
    return this.get(id)!;
  }

  get(id: number): PullSummary | null {
    const row = this.statement('SELECT * FROM marketplace_pulls WHERE id = ?').get(id) as PullRow | undefined;
    return row ? summary(row) : null;
  }

  last(): PullSummary | null {
    const row = this.statement('SELECT * FROM marketplace_pulls ORDER BY id DESC LIMIT 1').get() as PullRow | undefined;
    return row ? summary(row) : null;
  }

  lastSuccessAt(): number | null {
    const row = this.statement(
      "SELECT finished_at FROM marketplace_pulls WHERE outcome = 'ok' ORDER BY id DESC LIMIT 1",
    ).get() as { finished_at: number } | undefined;
    return row?.finished_at ?? null;
  }

  /** A pull the station was stopped in the middle of is not running any more. */
  abandonRunning(at: number): void {
    this.statement(
      "UPDATE marketplace_pulls SET outcome = 'failed', finished_at = ?, error_code = 'interrupted', error_message = 'The station stopped during this pull.' WHERE outcome = 'running'",
    ).run(at);
  }

  /** Newest marketplace update_time (Unix seconds) already stored for the shop; null before its first pull. */
  cursor(shopId: string): number | null {
    const row = this.statement('SELECT update_time FROM marketplace_cursors WHERE shop_id = ?').get(shopId) as
      | { update_time: number }
      | undefined;
    return row?.update_time ?? null;
  }

  advanceCursor(shopId: string, updateTime: number, at: number): void {
    this.statement(
      `INSERT INTO marketplace_cursors (shop_id, update_time, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(shop_id) DO UPDATE SET update_time = max(update_time, excluded.update_time), updated_at = excluded.updated_at`,
    ).run(shopId, updateTime, at);
  }

  /** The shop's first pull in progress, or null when none is (never started, or finished: see cursor()). */
  firstWalk(shopId: string): FirstWalk | null {
    const row = this.statement(
      'SELECT start_cursor, status_index, resume_from FROM first_pull_walks WHERE shop_id = ?',
    ).get(shopId) as { start_cursor: number; status_index: number; resume_from: number | null } | undefined;
    return row ? { startCursor: row.start_cursor, statusIndex: row.status_index, resumeFrom: row.resume_from } : null;
  }

  startFirstWalk(shopId: string, startCursor: number, at: number): FirstWalk {
    this.statement(
      'INSERT INTO first_pull_walks (shop_id, start_cursor, status_index, resume_from, started_at) VALUES (?, ?, 0, NULL, ?)',
    ).run(shopId, startCursor, at);
    return { startCursor, statusIndex: 0, resumeFrom: null };
  }

  /** Where the first pull goes on after an interruption; call inside the transaction of the page it covers. */
  advanceFirstWalk(shopId: string, statusIndex: number, resumeFrom: number | null): void {
    this.statement('UPDATE first_pull_walks SET status_index = ?, resume_from = ? WHERE shop_id = ?').run(
      statusIndex,
      resumeFrom,
      shopId,
    );
  }

  /** Every status walked: from now on the shop pulls incrementally from the cursor the walk began at. */
  finishFirstWalk(shopId: string, at: number): void {
    this.db.transaction(() => {
      const walk = this.firstWalk(shopId);
      if (!walk) return;
      this.advanceCursor(shopId, walk.startCursor, at);
      this.statement('DELETE FROM first_pull_walks WHERE shop_id = ?').run(shopId);
    })();
  }

  /** Records (or updates) an order the station could not read; call inside the page's transaction. */
  recordUnreadable(
    entry: { shopId: string; orderId: string; field: string; reason: string; raw: unknown },
    pullId: number,
    at: number,
  ): void {
    this.statement(
      `INSERT INTO unreadable_orders (shop_id, order_id, field, reason, raw, first_seen_at, last_tried_at, last_pull_id, attempts)
         VALUES (@shopId, @orderId, @field, @reason, @raw, @at, @at, @pullId, 1)
         ON CONFLICT(shop_id, order_id) DO UPDATE SET field = excluded.field, reason = excluded.reason, raw = excluded.raw,
           last_tried_at = excluded.last_tried_at, attempts = attempts + (last_pull_id IS NOT excluded.last_pull_id),
           last_pull_id = excluded.last_pull_id`,
    ).run({ ...entry, raw: JSON.stringify(entry.raw) ?? 'null', pullId, at });
  }

  /** These orders read now: they leave the list. */
  clearUnreadable(shopId: string, orderIds: readonly string[]): void {
    if (orderIds.length === 0) return;
    this.statement(
      'DELETE FROM unreadable_orders WHERE shop_id = ? AND order_id IN (SELECT value FROM json_each(?))',
    ).run(shopId, JSON.stringify(orderIds));
  }

  unreadableIds(shopId: string): string[] {
    return (
      this.statement('SELECT order_id FROM unreadable_orders WHERE shop_id = ? ORDER BY first_seen_at, order_id').all(
        shopId,
      ) as Array<{ order_id: string }>
    ).map((row) => row.order_id);
  }

  unreadable(): UnreadableOrder[] {
    const rows = this.statement(
      'SELECT shop_id, order_id, field, reason, first_seen_at, last_tried_at, attempts FROM unreadable_orders ORDER BY first_seen_at, order_id',
    ).all() as UnreadableRow[];
    return rows.map((row) => ({
      shopId: row.shop_id,
      orderId: row.order_id,
      field: row.field,
      reason: row.reason,
      firstSeenAt: row.first_seen_at,
      lastTriedAt: row.last_tried_at,
      attempts: row.attempts,
    }));
  }

  /**
   * Products a stored page needs looked up: listed as due now, so a lookup the station never got to (it stopped
   * first) is made at a later pull. A product already listed keeps its place. Call inside the page's transaction.
   */
  queueLookups(shopId: string, productIds: readonly string[], at: number): void {
    if (productIds.length === 0) return;
    this.statement(
      `INSERT INTO catalogue_retries (product_id, shop_id, error, attempts, next_try_at)
         SELECT value, ?, 'not looked up yet', 0, ? FROM json_each(?) WHERE true ON CONFLICT(product_id) DO NOTHING`,
    ).run(shopId, at, JSON.stringify(productIds));
  }

  /** Products of this shop whose lookup failed and is due again. */
  dueLookups(shopId: string, at: number, limit: number): string[] {
    const rows = this.statement(
      'SELECT product_id FROM catalogue_retries WHERE shop_id = ? AND next_try_at <= ? ORDER BY next_try_at LIMIT ?',
    ).all(shopId, at, limit) as Array<{ product_id: string }>;
    return rows.map((row) => row.product_id);
  }

  /** A lookup failed (or found nothing): try it again later, backing off. Call inside a transaction. */
  recordLookupFailure(productId: string, shopId: string, error: string, at: number): void {
    const row = this.statement('SELECT attempts FROM catalogue_retries WHERE product_id = ?').get(productId) as
      | { attempts: number }
      | undefined;
    const attempts = (row?.attempts ?? 0) + 1;
    const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
    this.statement(
      `INSERT INTO catalogue_retries (product_id, shop_id, error, attempts, next_try_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(product_id) DO UPDATE SET shop_id = excluded.shop_id, error = excluded.error, attempts = excluded.attempts, next_try_at = excluded.next_try_at`,
    ).run(productId, shopId, error, attempts, at + wait);
  }

  /** Of these orders, the ones the station already has. */
  knownOrders(ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const rows = this.statement(`SELECT id FROM orders WHERE id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /** Of these products, the ones the product API has not answered about yet and that are not waiting for a retry. */
  unknownProducts(productIds: readonly string[]): string[] {
    if (productIds.length === 0) return [];
    const rows = this.statement(
      `SELECT product_id FROM catalogue_products WHERE product_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT product_id FROM catalogue_retries WHERE product_id IN (SELECT value FROM json_each(@ids))`,
    ).all({ ids: JSON.stringify(productIds) }) as Array<{ product_id: string }>;
    const known = new Set(rows.map((row) => row.product_id));
    return productIds.filter((id) => !known.has(id));
  }

  /**
   * Records a product's SKU barcodes from the marketplace. A code a supervisor linked by hand ('alias') is never
   * overwritten; a SKU whose marketplace code changed loses the old one.
   */
  saveProduct(productId: string, title: string, skus: readonly CatalogueSku[], at: number): void {
    this.statement('DELETE FROM catalogue_retries WHERE product_id = ?').run(productId);
    this.statement(
      'INSERT INTO catalogue_products (product_id, title, fetched_at) VALUES (?, ?, ?) ON CONFLICT(product_id) DO UPDATE SET title = excluded.title, fetched_at = excluded.fetched_at',
    ).run(productId, title, at);
    const dropStale = this.statement(
      "DELETE FROM sku_barcodes WHERE sku_id = ? AND source = 'marketplace' AND code IS NOT ?",
    );
    const upsert = this.statement(
      `INSERT INTO sku_barcodes (code, sku_id, seller_sku, source, created_at, created_by) VALUES (?, ?, ?, 'marketplace', ?, NULL)
       ON CONFLICT(code) DO UPDATE SET sku_id = excluded.sku_id, seller_sku = excluded.seller_sku WHERE sku_barcodes.source = 'marketplace'`,
    );
    for (const sku of skus) {
      dropStale.run(sku.skuId, sku.code);
      if (sku.code) upsert.run(sku.code, sku.skuId, sku.sellerSku, at);
    }
  }
}

/**
 * Runs one page's transaction without waiting for the disk (synchronous = NORMAL for its commit only). A pulled page
 * is TikTok's to give again: a power cut may take back the last pages stored this way, never half of one (WAL keeps
 * every commit whole), and with them the cursor stored inside the same transaction, so the next pull fetches them
 * again. The first commit after it that waits for the disk (a scan, a queued write: FULL) makes them durable too, as
 * the write-ahead log is flushed in order. A commit that waits costs about 9 ms here: a tenth of a 10,000-order pull.
 */
export function withoutSync<T>(db: Db, fn: () => T): T {
  const level = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma(`synchronous = ${level}`);
  }
}

/**
 * Holds the write-ahead log's automatic checkpoint back while a pull stores its pages (up to PULL_CHECKPOINT_FRAMES),
 * and checkpoints once when it ends: the pull pays for copying its own pages, never the next scan's commit.
 */
export function holdCheckpoints(db: Db): { release(): void } {
  const frames = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.max(frames, PULL_CHECKPOINT_FRAMES)}`);
  return {
    release() {
      if (!db.open) return;
      try {
        db.pragma(`wal_autocheckpoint = ${frames}`);
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch (error) {
        // A checkpoint that failed is made again by a later commit; the pages themselves are already committed.
        console.error('checkpoint after a pull failed:', error);
      }
    },
  };
}
