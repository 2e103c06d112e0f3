import { setImmediate } from 'node:timers/promises';
import type { MarketplaceStatus, PullSummary, ShopPullError } from '../../../shared/contract/orders';
import { MarketStatus, STATUSES_TO_PACK as TO_PACK, type OrderInput } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import {
  MAX_ORDER_DETAIL_IDS,
  type OrdersReading,
  type RefusedOrder,
  type SearchFilter,
  type TikTokShopClient,
  MarketplaceError,
  mapOrder,
  packedBySeller,
  type Shop,
} from '../marketplace';
import { OrderStore } from './order-store';
import { newestPerId, rawField, updateTimeOf } from './page-reading';
import { LookupQueue, lookUpProduct, saveLookups } from './product-lookups';
import { holdCheckpoints, PullStore, withoutSync } from './pull-store';

/** Failed product lookups retried per shop and pull. */
const LOOKUP_RETRIES_PER_PULL = 50;

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

type Page = OrdersReading & { nextPageToken: string };

/** A page fetch that never rejects, so a prefetched page that fails while the previous one is stored is not lost. */
type Fetched = { ok: true; page: Page } | { ok: false; error: unknown };

const settle = (promise: Promise<Page>): Promise<Fetched> =>
  promise.then(
    (page) => ({ ok: true as const, page }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * Pulls orders from the marketplace into SQLite, every authorised shop on its own: a shop's first pull walks every
 * status to pack, later pulls take every order updated since the shop's cursor (cancellations, address changes,
 * shipments elsewhere). Orders are read one by one: a page's good orders are stored, an unreadable one is listed
 * (unreadable_orders) and fetched again by id at each pull. Each page is stored with its counts, its cursor and the
 * products it needs looked up in one transaction, so a failure anywhere leaves the database as the last complete page
 * left it, and the next pull resumes there. Product lookups run beside the walk (LookupQueue); their barcodes are
 * saved with a later page, and a lookup never made is made at a later pull.
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

  /** Orders the pull could not read, for the Orders screen. */
  unreadable() {
    return this.store.unreadable();
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
    const shopErrors: ShopPullError[] = [];
    const checkpoints = holdCheckpoints(this.options.db);
    try {
      for (const shop of await this.options.client.shops()) {
        if (this.stopped) break;
        try {
          await this.pullShop(id, shop);
        } catch (failure) {
          shopErrors.push({ shopId: shop.id, shopName: shop.name, ...describe(failure) });
          // One token serves every shop: when TikTok no longer accepts it, asking for the other shops only repeats that.
          if (failure instanceof MarketplaceError && failure.kind === 'reconnect') break;
        }
      }
    } catch (failure) {
      error = describe(failure);
    } finally {
      checkpoints.release();
    }
    if (!error && shopErrors.length > 0) {
      error = {
        code: shopErrors[0]!.code,
        message: shopErrors.map((failed) => `shop ${failed.shopName} (${failed.shopId}): ${failed.message}`).join('; '),
      };
    }
    if (this.stopped && !error)
      error = {
        code: 'interrupted',
        message: 'The station stopped during this pull; the next one resumes from the last stored page.',
      };
    return this.store.finish(id, this.options.now(), error, shopErrors);
  }

  private async pullShop(pullId: number, shop: Shop): Promise<void> {
    const lookups = new LookupQueue((productId) => lookUpProduct(this.options.client, shop.id, productId));
    // Product lookups due again (they failed or found nothing before) run beside the walk like the new ones.
    lookups.add(this.store.dueLookups(shop.id, this.options.now(), LOOKUP_RETRIES_PER_PULL));
    try {
      await this.retryUnreadable(pullId, shop, lookups);
      const cursor = this.store.cursor(shop.id);
      if (cursor === null) {
        await this.firstPull(pullId, shop, lookups);
        return;
      }
      const from = Math.max(0, cursor - (this.options.overlapSeconds ?? 300));
      await this.walk(pullId, shop, lookups, { update_time_ge: from }, (newest) =>
        this.store.advanceCursor(shop.id, newest, this.options.now()),
      );
    } finally {
      // Whatever stopped the walk, nothing is still in flight when the pull reports, and no answer is lost.
      const rest = await lookups.drain();
      const now = this.options.now();
      if (rest.length > 0 && this.options.db.open)
        this.options.db.transaction(() => saveLookups(this.store, shop.id, rest, now))();
    }
  }

  /**
   * Walks each status to pack in turn. The shop's incremental cursor is written only once every walk finished: until
   * then an interrupted pull resumes the walk where its last stored page ended. The cursor is then the shop's newest
   * update_time from before the walk began, so nothing that changed during the walk is missed.
   */
  private async firstPull(pullId: number, shop: Shop, lookups: LookupQueue): Promise<void> {
    const walk =
      this.store.firstWalk(shop.id) ??
      this.store.startFirstWalk(shop.id, await this.newestUpdate(shop), this.options.now());
    for (let index = walk.statusIndex; index < TO_PACK.length; index += 1) {
      if (this.stopped) return;
      const from = index === walk.statusIndex ? walk.resumeFrom : null;
      const filter: SearchFilter = {
        order_status: TO_PACK[index]!,
        ...(from === null ? {} : { update_time_ge: from }),
      };
      const walked = await this.walk(pullId, shop, lookups, filter, (newest) =>
        this.store.advanceFirstWalk(shop.id, index, newest),
      );
      if (!walked) return;
      this.store.advanceFirstWalk(shop.id, index + 1, null);
    }
    this.store.finishFirstWalk(shop.id, this.options.now());
  }

  /** The newest update_time of any order of the shop now (0 for a shop without orders). */
  private async newestUpdate(shop: Shop): Promise<number> {
    const page = await this.options.client.searchOrders(shop.id, {
      pageSize: 1,
      sortField: 'update_time',
      sortOrder: 'DESC',
    });
    const times = [
      ...page.orders.map((entry) => entry.order.update_time),
      ...page.refused.map((entry) => updateTimeOf(entry.raw) ?? 0),
    ];
    return Math.max(0, ...times);
  }

  /**
   * Every page of one search, oldest update first. Each page is stored while the next one is fetched. `advance`
   * records how far the walk got, inside the page's transaction. False when the station stopped midway.
   */
  private async walk(
    pullId: number,
    shop: Shop,
    lookups: LookupQueue,
    filter: SearchFilter,
    advance: (newest: number) => void,
  ): Promise<boolean> {
    const fetchPage = (pageToken: string) =>
      settle(
        this.options.client.searchOrders(shop.id, {
          filter,
          pageSize: this.options.pageSize ?? 100,
          pageToken,
          sortField: 'update_time',
          sortOrder: 'ASC',
        }),
      );
    let next: Promise<Fetched> | null = fetchPage('');
    while (next) {
      const fetched: Fetched = await next;
      if (!fetched.ok) throw fetched.error;
      if (this.stopped) return false;
      const page: Page = fetched.page;
      next = page.nextPageToken ? fetchPage(page.nextPageToken) : null;
      // The request leaves before the page is stored: storing is synchronous, and a fetch begun but not yet sent
      // would wait for it.
      await setImmediate();
      try {
        this.storeReading(pullId, shop, page, lookups, { advance, cursorFrom: filter.update_time_ge ?? null });
      } catch (error) {
        // Let the prefetched page settle: nothing may still be in flight when the pull reports.
        await next;
        throw error;
      }
    }
    return true;
  }

  /**
   * Fetches the listed unreadable orders again by id; one that reads now is stored and leaves the list. A refused
   * fetch (an id TikTok no longer knows, a bad moment) is tried again at the next pull: it never holds back the
   * shop's other orders.
   */
  private async retryUnreadable(pullId: number, shop: Shop, lookups: LookupQueue): Promise<void> {
    const ids = this.store.unreadableIds(shop.id);
    for (let i = 0; i < ids.length; i += MAX_ORDER_DETAIL_IDS) {
      const batch = ids.slice(i, i + MAX_ORDER_DETAIL_IDS);
      let reading: OrdersReading;
      try {
        reading = await this.options.client.readOrderDetails(shop.id, batch);
      } catch (error) {
        // The token itself is refused: so will the walk be; say so once, from there.
        if (error instanceof MarketplaceError && error.kind === 'reconnect') throw error;
        continue;
      }
      this.storeReading(pullId, shop, reading, lookups, { advance: null, cursorFrom: null, retried: batch });
    }
  }

  /**
   * Stores what one answer held: its readable orders (the newest of each id) the station packs or already has, the
   * products they need, and every unreadable order that matters (one the station has, one to pack, or one whose
   * status it does not know) in the unreadable list. An unreadable record without an id cannot be listed, so its
   * page is refused as a whole and the cursor stays before it.
   */
  private storeReading(
    pullId: number,
    shop: Shop,
    reading: OrdersReading,
    lookups: LookupQueue,
    scope: { advance: ((newest: number) => void) | null; cursorFrom: number | null; retried?: readonly string[] },
  ): void {
    const nameless = reading.refused.find((entry) => entry.orderId === null);
    if (nameless) {
      throw new MarketplaceError({
        kind: 'malformed',
        call: 'searchOrders',
        field: nameless.field,
        message: `an order without a readable id (${nameless.field}: ${nameless.reason})`,
      });
    }
    const readable = newestPerId(reading.orders);
    const readableIds = new Set(readable.map((entry) => entry.order.id));
    const refused: Array<RefusedOrder & { orderId: string }> = reading.refused.filter(
      (entry): entry is RefusedOrder & { orderId: string } => !readableIds.has(entry.orderId!),
    );
    const known = this.store.knownOrders([...readableIds, ...refused.map((entry) => entry.orderId)]);
    const listed = new Set(scope.retried ?? []);
    // What the station keeps: orders it has, orders to pack, and orders whose status it does not know (listed).
    const wantedStatus = (orderId: string, status: unknown) =>
      known.has(orderId) || !MarketStatus.safeParse(status).success || TO_PACK.includes(status as MarketStatus);

    const wanted: Array<{ order: OrderInput; raw: unknown; payment: unknown; productIds: string[] }> = [];
    const unreadable = refused
      .filter((entry) => listed.has(entry.orderId) || wantedStatus(entry.orderId, rawField(entry.raw, 'status')))
      .map(({ orderId, field, reason, raw }) => ({ orderId, field, reason, raw }));
    for (const { order, raw } of readable) {
      // Another warehouse packs it (TikTok's own): not queued here; one already kept still hears how it ends.
      if (!wantedStatus(order.id, order.status) || (!known.has(order.id) && !packedBySeller(order))) continue;
      const result = mapOrder(shop.id, order);
      if ('refusal' in result) {
        unreadable.push({ orderId: order.id, ...result.refusal, raw });
        continue;
      }
      wanted.push({
        order: result.order,
        raw,
        payment: order.payment ?? {},
        productIds: order.line_items.flatMap((line) => (line.product_id ? [line.product_id] : [])),
      });
    }
    // Orders listed before that read now, or that no longer matter to the station, leave the list.
    const cleared = [...readableIds].filter((orderId) => !unreadable.some((entry) => entry.orderId === orderId));

    const needed = this.store.unknownProducts([...new Set(wanted.flatMap((entry) => entry.productIds))]);
    const looked = lookups.take();
    const times = [
      ...readable.map((entry) => entry.order.update_time),
      ...refused.map((entry) => updateTimeOf(entry.raw) ?? 0),
    ];
    const newest = Math.max(scope.cursorFrom ?? 0, ...times);
    const received = readable.length + refused.length;
    const now = this.options.now();
    const result = withoutSync(this.options.db, () => {
      saveLookups(this.store, shop.id, looked, now);
      this.store.queueLookups(shop.id, needed, now);
      const stored = this.orders.upsertFromMarketplace(wanted, now);
      for (const entry of unreadable) this.store.recordUnreadable({ shopId: shop.id, ...entry }, pullId, now);
      this.store.clearUnreadable(shop.id, cleared);
      if (scope.advance && received > 0) scope.advance(newest);
      this.store.recordPage(
        pullId,
        { received, inserted: stored.inserted, updated: stored.updated, cancelled: stored.cancelled.length },
        scope.advance ? { from: scope.cursorFrom, to: received > 0 ? newest : null } : { from: null, to: null },
      );
      return stored;
    });
    lookups.add(needed);
    const changes = new Map(result.changes.map((change) => [change.orderId, change.kinds]));
    for (const orderId of result.changed) {
      if (!known.has(orderId)) continue;
      const order = this.orders.get(orderId);
      const kinds = changes.get(orderId);
      if (order)
        this.options.bus.emit('order.changed', {
          orderId,
          status: order.status,
          stationState: order.stationState,
          ...(kinds ? { changes: kinds } : {}),
        });
    }
    if (result.changed.length > 0 || unreadable.length > 0 || cleared.length > 0) this.announce();
  }
}

function describe(failure: unknown): { code: string; message: string } {
  if (failure instanceof MarketplaceError) return { code: failure.kind, message: failure.message };
  console.error('order pull failed:', failure);
  return { code: 'internal', message: failure instanceof Error ? failure.message : String(failure) };
}
