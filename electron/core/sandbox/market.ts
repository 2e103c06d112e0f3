import { Code, documented } from './errors';
import type { SandboxOrder, SandboxPackage, SandboxStatus, TimelineEvent } from './model';
import { generateOrder, type OrderPick } from './order-factory';
import { Shipping } from './shipping';
import { SHOPS, type SandboxShop } from './world';

export interface MarketOptions {
  seed: number;
  /** Orders already placed when the sandbox starts (of every age). */
  orders: number;
  /** Unix seconds the seeded orders' ages count back from; keep it to get the same timeline after a restart. */
  epoch: number;
  /** A new paid order arrives this often on the sandbox clock; 0: none. */
  arrivalEverySeconds: number;
  /** The carrier's first scan comes this long after Ship Package, on the sandbox clock; 0: only POST /sandbox/packages/<id>/collect. */
  collectAfterSeconds: number;
  /** Real time in ms; the sandbox clock is this plus the offset tests move it by. */
  now: () => number;
}

interface SearchQuery {
  shopId: string;
  orderStatus?: string;
  shippingType?: string;
  updateTimeGe?: number;
  updateTimeLt?: number;
  createTimeGe?: number;
  createTimeLt?: number;
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
}

/** A new recipient address for POST /sandbox/orders/<id>/address; fields left out keep their value. */
interface AddressChange {
  name?: string;
  lines?: string[];
  city?: string;
  district?: string;
  region?: string;
  postalCode?: string;
}

const SHIPPABLE = new Set<SandboxStatus>(['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);
const HOUR = 3600;
/** Ids of orders added through the control API start here, far from the arrivals' indices. */
const MANUAL_INDEX_BASE = 50_000_000;

/** What happened to an order, for the webhooks: a new status, a new address, a cancellation; and the clock moving. */
export type MarketEvent =
  | { kind: 'status'; order: SandboxOrder; at: number }
  | { kind: 'address'; order: SandboxOrder; at: number }
  | { kind: 'cancelled'; order: SandboxOrder; at: number }
  | { kind: 'tick'; now: number };

/** The sandbox marketplace's state: its orders, their timeline and every ship it accepted. */
export class Market {
  private readonly observers: Array<(event: MarketEvent) => void> = [];
  private clockOffsetMs = 0;
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly packages = new Map<string, { order: SandboxOrder; pkg: SandboxPackage }>();
  private readonly pending: TimelineEvent[] = [];
  private arrivals = 0;
  private manual = 0;
  private version = 0;
  private readonly searchCache = new Map<string, { version: number; ids: string[] }>();
  /** Ships accepted per package: tests assert each package shipped exactly once. */
  readonly shipCounts = new Map<string, number>();
  /** Ship requests received per package, accepted or not. */
  readonly shipAttempts = new Map<string, number>();
  /** Ship Package, Mark Package As Shipped, carrier scans. */
  readonly shipping: Shipping;

  constructor(private readonly options: MarketOptions) {
    this.shipping = new Shipping(this, options.collectAfterSeconds);
    for (let index = 0; index < options.orders; index += 1)
      this.add(generateOrder(options.seed, index, options.epoch, null));
    this.tick();
  }

  /** The sandbox clock, Unix seconds. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  nowMs(): number {
    return this.options.now() + this.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
    this.tick();
  }

  /** Applies everything due on the sandbox clock: new orders, payments, releases, buyer cancellations, carrier scans. */
  tick(): void {
    const now = this.now();
    const every = this.options.arrivalEverySeconds;
    while (every > 0 && this.options.epoch + (this.arrivals + 1) * every <= now) {
      this.arrivals += 1;
      const at = this.options.epoch + this.arrivals * every;
      this.add(generateOrder(this.options.seed, this.options.orders + this.arrivals - 1, this.options.epoch, at));
    }
    // Carrier scans first: a delivery they report schedules the order's closing, which may be due already.
    this.shipping.tick(now);
    this.pending.sort((a, b) => a.at - b.at);
    while (this.pending.length > 0 && this.pending[0]!.at <= now) {
      const event = this.pending.shift()!;
      const order = this.orders.get(event.orderId)!;
      if (event.kind === 'pay' && order.status === 'UNPAID') {
        order.paidTime = event.at;
        order.rtsSla = Math.ceil((event.at + 48 * HOUR) / HOUR) * HOUR;
        order.ttsSla = Math.ceil((event.at + 72 * HOUR) / HOUR) * HOUR;
        this.setStatus(order, 'AWAITING_SHIPMENT', event.at);
      } else if (event.kind === 'release' && order.status === 'ON_HOLD') {
        this.setStatus(order, 'AWAITING_SHIPMENT', event.at);
      } else if (event.kind === 'cancel' && this.cancellable(order)) {
        this.cancelNow(order, 'Buyer cancelled', event.at);
      } else if (event.kind === 'complete' && order.status === 'DELIVERED') {
        this.setStatus(order, 'COMPLETED', event.at);
      }
    }
    this.notify({ kind: 'tick', now });
  }

  /** Calls `observer` with every change from now on. */
  observe(observer: (event: MarketEvent) => void): void {
    this.observers.push(observer);
  }

  private notify(event: MarketEvent): void {
    for (const observer of this.observers) observer(event);
  }

  /** Something to happen to an order later on the sandbox clock. */
  schedule(event: TimelineEvent): void {
    this.pending.push(event);
  }

  shops(): readonly SandboxShop[] {
    return SHOPS;
  }

  order(id: string): SandboxOrder | undefined {
    return this.orders.get(id);
  }

  allOrders(): IterableIterator<SandboxOrder> {
    return this.orders.values();
  }

  /** Order ids matching the search, in answer order. Cached until anything changes, so paging 10,000 orders is cheap. */
  search(query: SearchQuery): string[] {
    const key = JSON.stringify(query);
    const cached = this.searchCache.get(key);
    if (cached?.version === this.version) return cached.ids;
    const field = query.sortField === 'create_time' ? 'createTime' : 'updateTime';
    const direction = query.sortOrder === 'DESC' ? -1 : 1;
    const ids = [...this.orders.values()]
      .filter(
        (o) =>
          o.shop.id === query.shopId &&
          (query.orderStatus === undefined || o.status === query.orderStatus) &&
          (query.shippingType === undefined || o.shippingType === query.shippingType) &&
          (query.updateTimeGe === undefined || o.updateTime >= query.updateTimeGe) &&
          (query.updateTimeLt === undefined || o.updateTime < query.updateTimeLt) &&
          (query.createTimeGe === undefined || o.createTime >= query.createTimeGe) &&
          (query.createTimeLt === undefined || o.createTime < query.createTimeLt),
      )
      .sort((a, b) => direction * (a[field] - b[field]) || (a.id < b.id ? -direction : a.id > b.id ? direction : 0))
      .map((o) => o.id);
    this.searchCache.set(key, { version: this.version, ids });
    return ids;
  }

  /** The package and its order, if it belongs to the shop; else the documented "not this shop's package" refusal. */
  packageOf(shop: SandboxShop, packageId: string, api?: string): { order: SandboxOrder; pkg: SandboxPackage } {
    const found = this.packages.get(packageId);
    if (!found || found.order.shop.id !== shop.id) throw documented(Code.packageNotInShop, api);
    return found;
  }

  /** Any package by id, whatever its shop (the document links and controls use it). */
  findPackage(packageId: string): { order: SandboxOrder; pkg: SandboxPackage } | undefined {
    return this.packages.get(packageId);
  }

  /** The buyer (or TikTok) cancels an order now; refused once anything has shipped. */
  cancel(orderId: string, reason = 'Buyer cancelled'): SandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`Order ${orderId} does not exist.`);
    if (order.status === 'CANCELLED') return order;
    if (!this.cancellable(order)) throw new Error(`Order ${orderId} has shipped and can no longer be cancelled.`);
    this.cancelNow(order, reason, this.now());
    return order;
  }

  /** The buyer changes the delivery address before the order ships; update_time moves so an incremental pull sees it. */
  changeAddress(orderId: string, change: AddressChange): SandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`Order ${orderId} does not exist.`);
    if (!SHIPPABLE.has(order.status) && order.status !== 'ON_HOLD')
      throw new Error(`Order ${orderId} is ${order.status}: its address can no longer change.`);
    const r = order.recipient;
    order.recipient = {
      ...r,
      name: change.name ?? r.name,
      lines: change.lines ?? r.lines,
      city: change.city ?? r.city,
      district: change.district ?? r.district,
      region: change.region ?? r.region,
      postalCode: change.postalCode ?? r.postalCode,
    };
    order.addressUpdated = true;
    this.touch(order, this.now());
    this.notify({ kind: 'address', order, at: this.now() });
    return order;
  }

  /** New paid orders placed now, as if buyers had just checked out; `pick` fixes their shop, shipping or country. */
  addOrders(count: number, pick: OrderPick = {}): SandboxOrder[] {
    const added: SandboxOrder[] = [];
    for (let i = 0; i < count; i += 1) {
      const generated = generateOrder(
        this.options.seed,
        MANUAL_INDEX_BASE + this.manual,
        this.options.epoch,
        this.now(),
        pick,
      );
      this.manual += 1;
      this.add(generated);
      added.push(generated.order);
    }
    return added;
  }

  /** Lets a test change an order by hand; update_time moves so the next pull brings the change in. */
  touchOrder(orderId: string, change: (order: SandboxOrder) => void): SandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`Order ${orderId} does not exist.`);
    change(order);
    this.touch(order, this.now());
    return order;
  }

  /** Registers a package Mark Package As Shipped created. */
  addPackage(order: SandboxOrder, pkg: SandboxPackage): void {
    order.packages.push(pkg);
    this.packages.set(pkg.id, { order, pkg });
  }

  /** Drops a package that lost all its lines to a new one. */
  removePackage(order: SandboxOrder, packageId: string): void {
    order.packages = order.packages.filter((pkg) => pkg.id !== packageId);
    this.packages.delete(packageId);
  }

  setStatus(order: SandboxOrder, status: SandboxStatus, at: number): void {
    const changed = order.status !== status;
    order.status = status;
    this.touch(order, at);
    if (changed) this.notify({ kind: 'status', order, at });
  }

  touch(order: SandboxOrder, at: number): void {
    order.updateTime = Math.max(order.updateTime, at);
    this.version += 1;
  }

  private cancellable(order: SandboxOrder): boolean {
    return (
      (SHIPPABLE.has(order.status) || order.status === 'UNPAID' || order.status === 'ON_HOLD') &&
      order.packages.every((pkg) => pkg.status === 'TO_FULFILL')
    );
  }

  private cancelNow(order: SandboxOrder, reason: string, at: number): void {
    order.cancelReason = reason;
    order.cancelTime = at;
    for (const pkg of order.packages) {
      pkg.status = 'CANCELLED';
      pkg.updateTime = at;
    }
    this.setStatus(order, 'CANCELLED', at);
    this.notify({ kind: 'cancelled', order, at });
  }

  private add({ order, events }: ReturnType<typeof generateOrder>): void {
    this.orders.set(order.id, order);
    for (const pkg of order.packages) {
      this.packages.set(pkg.id, { order, pkg });
      this.shipping.watch(pkg);
    }
    this.pending.push(...events);
    this.version += 1;
  }
}
