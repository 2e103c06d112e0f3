import { MarketStatus, STATUSES_TO_PACK as TO_PACK, type OrderInput } from '../../../shared/domain/orders/order';
import {
  MAX_ORDER_DETAIL_IDS,
  type OrdersReading,
  type SearchFilter,
  type TikTokShopClient,
} from '../../../electron/core/marketplace';
import { mapOrder, packedBySeller } from '../../../electron/core/marketplace/order-mapping';
import type { Shop } from '../../../electron/core/marketplace/schemas';
import { inTransaction, type Pool, type Queryable } from '../db/pool';
import { advanceCursor, advanceWalk, finishWalk, readCursor, startWalk } from '../store/cursor-store';
import { saveProduct, unknownProducts } from '../store/catalogue-store';
import { knownOrderIds, upsertOrders } from '../store/order-store';

/** Each incremental pull starts this far before the cursor, for updates the marketplace indexed late. */
const OVERLAP_SECONDS = 300;
/** Product lookups in flight at once. */
const LOOKUP_CONCURRENCY = 4;

export interface PullReport {
  at: number;
  ok: boolean;
  stored: number;
  /** Orders of the answers that did not match the spec or could not be mapped: named here and in the log. */
  unreadable: Array<{ orderId: string | null; reason: string }>;
  error: string | null;
}

export interface HubPullerOptions {
  pool: Pool;
  client: TikTokShopClient;
  now: () => number;
  /** Seconds between pulls; 0: only at start and on demand. */
  intervalSeconds: number;
  pageSize?: number;
  log?: (line: string) => void;
}

/**
 * Pulls every shop once for the whole warehouse, as the station pulls for one desk: a shop's first pull walks each
 * status to pack, later pulls every order updated since the shop's cursor. Each page is stored with its cursor in
 * one PostgreSQL transaction, so an interrupted pull resumes after the last stored page.
 */
export class HubPuller {
  private running: Promise<PullReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private last: PullReport | null = null;

  constructor(private readonly options: HubPullerOptions) {}

  start(): void {
    this.stopped = false;
    void this.pullNow().finally(() => this.schedule());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  lastReport(): PullReport | null {
    return this.last;
  }

  /** Runs a pull, or joins the one running. Never throws. */
  pullNow(): Promise<PullReport> {
    this.running ??= this.pull().finally(() => (this.running = null));
    return this.running;
  }

  /** Fetches these orders by id (a webhook's fast path) and stores the ones the warehouse has or packs. */
  async fetchOrders(shopId: string, ids: readonly string[]): Promise<number> {
    let stored = 0;
    for (let i = 0; i < ids.length; i += MAX_ORDER_DETAIL_IDS) {
      const reading = await this.options.client.readOrderDetails(shopId, ids.slice(i, i + MAX_ORDER_DETAIL_IDS));
      const result = await inTransaction(this.options.pool, (db) => this.storeReading(db, shopId, reading));
      await this.lookUpProducts(result.storedIds);
      stored += result.stored;
    }
    return stored;
  }

  private schedule(): void {
    if (this.stopped || this.options.intervalSeconds <= 0) return;
    this.timer = setTimeout(
      () => void this.pullNow().finally(() => this.schedule()),
      this.options.intervalSeconds * 1000,
    );
    this.timer.unref();
  }

  private async pull(): Promise<PullReport> {
    const report: PullReport = { at: this.options.now(), ok: true, stored: 0, unreadable: [], error: null };
    try {
      // Lookups that failed before are tried again for every order still to pack.
      await this.lookUpProducts(null);
      for (const shop of await this.options.client.shops()) {
        if (this.stopped) break;
        await this.pullShop(shop, report);
      }
    } catch (error) {
      report.ok = false;
      report.error = error instanceof Error ? error.message : String(error);
      this.options.log?.(`pull failed: ${report.error}`);
    }
    this.last = report;
    return report;
  }

  private async pullShop(shop: Shop, report: PullReport): Promise<void> {
    const now = this.options.now;
    let cursor = await readCursor(this.options.pool, shop.id);
    if (cursor?.updateTime != null) {
      const from = Math.max(0, cursor.updateTime - OVERLAP_SECONDS);
      await this.walk(shop, { update_time_ge: from }, report, (db, newest) =>
        advanceCursor(db, shop.id, newest, now()),
      );
      return;
    }
    cursor ??= await startWalk(this.options.pool, shop.id, await this.newestUpdate(shop), now());
    for (let index = cursor.statusIndex; index < TO_PACK.length; index += 1) {
      if (this.stopped) return;
      const from = index === cursor.statusIndex ? cursor.resumeFrom : null;
      const filter: SearchFilter = {
        order_status: TO_PACK[index]!,
        ...(from === null ? {} : { update_time_ge: from }),
      };
      if (!(await this.walk(shop, filter, report, (db, newest) => advanceWalk(db, shop.id, index, newest, now()))))
        return;
      await advanceWalk(this.options.pool, shop.id, index + 1, null, now());
    }
    await finishWalk(this.options.pool, shop.id, now());
  }

  private async newestUpdate(shop: Shop): Promise<number> {
    const page = await this.options.client.searchOrders(shop.id, {
      pageSize: 1,
      sortField: 'update_time',
      sortOrder: 'DESC',
    });
    return Math.max(0, ...page.orders.map((entry) => entry.order.update_time));
  }

  /** Every page of one search, oldest update first, each stored with `advance` in its own transaction. */
  private async walk(
    shop: Shop,
    filter: SearchFilter,
    report: PullReport,
    advance: (db: Queryable, newest: number) => Promise<void>,
  ): Promise<boolean> {
    let pageToken = '';
    do {
      if (this.stopped) return false;
      const page = await this.options.client.searchOrders(shop.id, {
        filter,
        pageSize: this.options.pageSize ?? 100,
        pageToken,
        sortField: 'update_time',
        sortOrder: 'ASC',
      });
      const received = page.orders.length + page.refused.length;
      const storedIds = await inTransaction(this.options.pool, async (db) => {
        const result = await this.storeReading(db, shop.id, page);
        report.stored += result.stored;
        report.unreadable.push(...result.unreadable);
        if (received > 0)
          await advance(
            db,
            Math.max(filter.update_time_ge ?? 0, ...page.orders.map((entry) => entry.order.update_time)),
          );
        return result.storedIds;
      });
      await this.lookUpProducts(storedIds);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return true;
  }

  /**
   * Looks up the products of these orders (null: every order to pack) the hub does not know yet, a few at a time,
   * for their SKUs' barcodes. Never throws: a failed lookup is logged and tried again at the next pull, and desks
   * verify by seller SKU meanwhile.
   */
  private async lookUpProducts(orderIds: readonly string[] | null): Promise<void> {
    if (orderIds?.length === 0) return;
    const wanted = await unknownProducts(this.options.pool, orderIds);
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const { shopId, productId } = wanted[next++]!;
        try {
          const product = await this.options.client.getProduct(shopId, productId);
          const skus = (product.skus ?? []).flatMap((sku) =>
            sku.id ? [{ skuId: sku.id, sellerSku: sku.seller_sku ?? '', code: sku.identifier_code?.code || null }] : [],
          );
          await inTransaction(this.options.pool, (db) =>
            saveProduct(db, shopId, { productId, title: product.title ?? '', skus }, this.options.now()),
          );
        } catch (error) {
          this.options.log?.(
            `product ${productId} of shop ${shopId}: lookup failed (${error instanceof Error ? error.message : String(error)}); tried again at the next pull`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, wanted.length) }, worker));
  }

  /** Stores the orders of one answer that the warehouse packs or already has; names the ones it cannot read. */
  private async storeReading(
    db: Queryable,
    shopId: string,
    reading: OrdersReading,
  ): Promise<{ stored: number; storedIds: string[]; unreadable: PullReport['unreadable'] }> {
    const known = await knownOrderIds(db, [
      ...reading.orders.map((entry) => entry.order.id),
      ...reading.refused.flatMap((entry) => (entry.orderId ? [entry.orderId] : [])),
    ]);
    // An unreadable order matters when the hub has it, would pack it, or cannot tell (unknown status); TikTok leaves
    // the address out of unpaid and on-hold orders, which the warehouse does not pack.
    const matters = (orderId: string | null, status: unknown) =>
      orderId === null ||
      known.has(orderId) ||
      !MarketStatus.safeParse(status).success ||
      TO_PACK.includes(status as MarketStatus);
    const unreadable: PullReport['unreadable'] = reading.refused
      .filter((entry) => matters(entry.orderId, (entry.raw as { status?: unknown } | null)?.status))
      .map((entry) => ({ orderId: entry.orderId, reason: `${entry.field}: ${entry.reason}` }));
    const wanted: OrderInput[] = [];
    for (const { order } of reading.orders) {
      // Another warehouse packs it (TikTok's own): not queued here; one already kept still hears how it ends.
      if (!known.has(order.id) && (!TO_PACK.includes(order.status as MarketStatus) || !packedBySeller(order))) continue;
      const mapped = mapOrder(shopId, order);
      if ('refusal' in mapped)
        unreadable.push({ orderId: order.id, reason: `${mapped.refusal.field}: ${mapped.refusal.reason}` });
      else wanted.push(mapped.order);
    }
    for (const entry of unreadable)
      this.options.log?.(`order ${entry.orderId ?? '(no id)'} of shop ${shopId} is unreadable: ${entry.reason}`);
    const productOfLine = new Map(
      reading.orders.flatMap(({ order }) =>
        order.line_items.flatMap((line) => (line.product_id ? [[line.id, line.product_id] as const] : [])),
      ),
    );
    const stored = await upsertOrders(db, newestPerId(wanted), this.options.now(), productOfLine);
    return { stored: stored.length, storedIds: stored, unreadable };
  }
}

/** TikTok's answer may repeat an order: keep its newest version. */
function newestPerId(orders: readonly OrderInput[]): OrderInput[] {
  const byId = new Map<string, OrderInput>();
  for (const order of orders) {
    const seen = byId.get(order.id);
    if (!seen || order.updatedAt >= seen.updatedAt) byId.set(order.id, order);
  }
  return [...byId.values()];
}
