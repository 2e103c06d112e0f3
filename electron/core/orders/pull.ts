import type { MarketplaceStatus, PullSummary } from '../../../shared/contract/orders';
import type { MarketStatus } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import type { SearchFilter, TikTokShopClient } from '../marketplace/client';
import { MarketplaceError } from '../marketplace/errors';
import { toStationOrder } from '../marketplace/order-mapping';
import type { Shop } from '../marketplace/schemas';
import { OrderStore } from './order-store';
import { PullStore, type CatalogueSku } from './pull-store';

/** Statuses that put an order the station has never seen into its queue. */
const TO_PACK: readonly MarketStatus[] = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING'];

export interface PullerOptions {
  db: Db;
  client: TikTokShopClient;
  bus: EventBus;
  now: () => number;
  mode: MarketplaceStatus['mode'];
  /** Seconds between automatic pulls, read before each wait; 0 turns them off. */
  intervalSeconds: () => number;
  /** Each incremental pull starts this far before the cursor, for updates the marketplace indexed late. */
  overlapSeconds?: number;
  pageSize?: number;
}

/**
 * Pulls orders from the marketplace into SQLite: first every order awaiting shipment, then every order updated
 * since the shop's cursor (cancellations, address changes, shipments elsewhere). Each page is validated as a
 * whole, then stored with its barcodes, its counts and the advanced cursor in one transaction, so a failure
 * anywhere leaves the database as the last complete page left it.
 */
export class OrderPuller {
  private readonly orders: OrderStore;
  private readonly store: PullStore;
  private running: Promise<PullSummary> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: PullerOptions) {
    this.orders = new OrderStore(options.db);
    this.store = new PullStore(options.db);
    this.store.abandonRunning(options.now());
    options.client.onStatusChange(() => this.announce());
  }

  /** Pulls once now and then every interval. */
  start(): void {
    this.stopped = false;
    void this.pullNow('start').finally(() => this.schedule());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs a pull, or joins the one already running. Never throws: a failure is in the summary's outcome. */
  pullNow(trigger: PullSummary['trigger'] = 'manual'): Promise<PullSummary> {
    this.running ??= this.pull(trigger).finally(() => {
      this.running = null;
      this.announce();
    });
    return this.running;
  }

  status(): MarketplaceStatus {
    return {
      mode: this.options.mode,
      baseUrl: this.options.client.baseUrl,
      connection: this.options.client.status(),
      pulling: this.running !== null,
      intervalSeconds: this.options.intervalSeconds(),
      lastPull: this.store.last(),
      lastSuccessAt: this.store.lastSuccessAt(),
    };
  }

  private schedule(): void {
    const seconds = this.options.intervalSeconds();
    if (this.stopped || seconds <= 0) return;
    this.timer = setTimeout(() => void this.pullNow('interval').finally(() => this.schedule()), seconds * 1000);
    this.timer.unref();
  }

  private announce(): void {
    // A status change can arrive from the client while the station is closing.
    if (!this.options.db.open) return;
    this.options.bus.emit('pull.status', this.status());
  }

  private async pull(trigger: PullSummary['trigger']): Promise<PullSummary> {
    const id = this.store.start(trigger, this.options.now());
    this.announce();
    let error: { code: string; message: string } | null = null;
    try {
      for (const shop of await this.options.client.shops()) {
        if (this.stopped) break;
        await this.pullShop(id, shop);
      }
    } catch (failure) {
      if (failure instanceof MarketplaceError) {
        error = { code: failure.kind, message: failure.message };
      } else {
        console.error('order pull failed:', failure);
        error = { code: 'internal', message: failure instanceof Error ? failure.message : String(failure) };
      }
    }
    if (this.stopped && !error) error = { code: 'interrupted', message: 'The station stopped during this pull; the next one resumes from the last stored page.' };
    return this.store.finish(id, this.options.now(), error);
  }

  private async pullShop(pullId: number, shop: Shop): Promise<void> {
    const cursor = this.store.cursor(shop.id);
    const filters: SearchFilter[] =
      cursor === null ? TO_PACK.map((status) => ({ order_status: status })) : [{ update_time_ge: Math.max(0, cursor - (this.options.overlapSeconds ?? 300)) }];
    for (const filter of filters) {
      let pageToken = '';
      do {
        if (this.stopped) return;
        const page = await this.options.client.searchOrders(shop.id, { filter, pageSize: this.options.pageSize ?? 100, pageToken, sortField: 'update_time', sortOrder: 'ASC' });
        await this.storePage(pullId, shop, page.orders, filter.update_time_ge ?? null);
        pageToken = page.nextPageToken;
      } while (pageToken);
    }
  }

  private async storePage(pullId: number, shop: Shop, page: Awaited<ReturnType<TikTokShopClient['searchOrders']>>['orders'], cursorFrom: number | null): Promise<void> {
    // Map every order first: one bad order refuses the page before anything is written.
    const mapped = page.map(({ order, raw }, index) => ({ order: toStationOrder('searchOrders', shop.id, order, index), raw, payment: order.payment, source: order }));
    const known = this.store.knownOrders(mapped.map((entry) => entry.order.id));
    const wanted = mapped.filter((entry) => known.has(entry.order.id) || TO_PACK.includes(entry.source.status));
    const products = await this.fetchProducts(shop, wanted.flatMap((entry) => entry.source.line_items.map((line) => line.product_id)));
    const newest = page.reduce((max, { order }) => Math.max(max, order.update_time), cursorFrom ?? 0);
    const now = this.options.now();
    const result = this.options.db.transaction(() => {
      for (const product of products) this.store.saveProduct(product.id, product.title, product.skus, now);
      const stored = this.orders.upsertFromMarketplace(wanted, now);
      if (page.length > 0) this.store.advanceCursor(shop.id, newest, now);
      this.store.recordPage(pullId, { received: page.length, inserted: stored.inserted, updated: stored.updated, cancelled: stored.cancelled.length }, { from: cursorFrom, to: page.length > 0 ? newest : null });
      return stored;
    })();
    for (const orderId of result.changed) {
      if (!known.has(orderId)) continue;
      const order = this.orders.get(orderId);
      if (order) this.options.bus.emit('order.changed', { orderId, status: order.status, stationState: order.stationState });
    }
    if (result.changed.length > 0) this.announce();
  }

  /** Asks the product API about products the station has not seen, for their SKUs' barcodes. */
  private async fetchProducts(shop: Shop, productIds: readonly string[]): Promise<Array<{ id: string; title: string; skus: CatalogueSku[] }>> {
    const products: Array<{ id: string; title: string; skus: CatalogueSku[] }> = [];
    for (const productId of this.store.unknownProducts([...new Set(productIds)])) {
      try {
        const product = await this.options.client.getProduct(shop.id, productId);
        products.push({ id: productId, title: product.title, skus: product.skus.map((sku) => ({ skuId: sku.id, sellerSku: sku.seller_sku ?? '', code: sku.identifier_code?.code ?? null })) });
      } catch (error) {
        // A product the seller deleted since the order: its lines are still packed by seller SKU.
        if (error instanceof MarketplaceError && error.kind === 'not_found') products.push({ id: productId, title: '', skus: [] });
        else throw error;
      }
    }
    return products;
  }
}
