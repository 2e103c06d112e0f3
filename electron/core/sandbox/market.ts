import type { z } from 'zod';
import { TikTokCode } from '../marketplace/errors';
import type { ShipPackageRequest } from '../marketplace/schemas';
import { isValidTrackingNumber, type Carrier } from './identifiers';
import { generateOrder, type SandboxOrder, type SandboxPackage, type TimelineEvent } from './order-factory';
import { PROVIDER_IDS, SHOPS, type SandboxShop } from './world';

/** A refusal in TikTok's terms: the envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

export interface MarketOptions {
  seed: number;
  /** Orders already placed when the sandbox starts (of every age). */
  orders: number;
  /** Unix seconds the seeded orders' ages count back from; keep it to get the same timeline after a restart. */
  epoch: number;
  /** A new paid order arrives this often on the sandbox clock; 0: none. */
  arrivalEverySeconds: number;
  /** Real time in ms; the sandbox clock is this plus the offset tests move it by. */
  now: () => number;
}

export interface SearchQuery {
  shopId: string;
  orderStatus?: string;
  updateTimeGe?: number;
  updateTimeLt?: number;
  createTimeGe?: number;
  createTimeLt?: number;
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
}

const SHIPPABLE = new Set(['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);
const HOUR = 3600;
/** Ids of orders added through the control API start here, far from the arrivals' indices. */
const MANUAL_INDEX_BASE = 50_000_000;

/** The sandbox marketplace's state: its orders, their timeline and every ship it accepted. */
export class Market {
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

  constructor(private readonly options: MarketOptions) {
    for (let index = 0; index < options.orders; index += 1) this.add(generateOrder(options.seed, index, options.epoch, null));
    this.tick();
  }

  /** The sandbox clock, Unix seconds. */
  now(): number {
    return Math.floor((this.options.now() + this.clockOffsetMs) / 1000);
  }

  nowMs(): number {
    return this.options.now() + this.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
    this.tick();
  }

  /** Applies everything due on the sandbox clock: new orders, payments, releases from hold, buyer cancellations. */
  tick(): void {
    const now = this.now();
    const every = this.options.arrivalEverySeconds;
    while (every > 0 && this.options.epoch + (this.arrivals + 1) * every <= now) {
      this.arrivals += 1;
      const at = this.options.epoch + this.arrivals * every;
      this.add(generateOrder(this.options.seed, this.options.orders + this.arrivals - 1, this.options.epoch, at));
    }
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
      } else if (event.kind === 'cancel' && SHIPPABLE.has(order.status) && order.packages.every((pkg) => pkg.status === 'PROCESSING')) {
        this.cancelNow(order, 'Buyer cancelled', event.at);
      }
    }
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

  packageOf(shop: SandboxShop, packageId: string): { order: SandboxOrder; pkg: SandboxPackage } {
    const found = this.packages.get(packageId);
    if (!found || found.order.shop.id !== shop.id) throw new ApiError(TikTokCode.notFound, `Package ${packageId} does not exist in this shop.`);
    return found;
  }

  /** POST .../packages/{id}/ship, with TikTok's refusals. */
  ship(shop: SandboxShop, packageId: string, request: z.output<typeof ShipPackageRequest>): void {
    this.shipAttempts.set(packageId, (this.shipAttempts.get(packageId) ?? 0) + 1);
    const { order, pkg } = this.packageOf(shop, packageId);
    if (order.status === 'CANCELLED' || pkg.status === 'CANCELLED') throw new ApiError(TikTokCode.orderCancelled, 'The order has been cancelled.');
    if (pkg.status !== 'PROCESSING') throw new ApiError(TikTokCode.alreadyShipped, 'The package has already been shipped.');
    if (!SHIPPABLE.has(order.status)) throw new ApiError(TikTokCode.invalidParameter, `An order in status ${order.status} cannot be shipped yet.`);
    const now = this.now();
    if (order.shippingType === 'SELLER') {
      if (!request.self_shipment) throw new ApiError(TikTokCode.invalidParameter, 'self_shipment is required for an order shipped by the seller.');
      const carrier = this.carrierFor(order, request.self_shipment.shipping_provider_id);
      if (!isValidTrackingNumber(carrier, request.self_shipment.tracking_number)) {
        throw new ApiError(TikTokCode.invalidTrackingNumber, `The tracking number is not valid for ${carrier}.`);
      }
      pkg.trackingNumber = request.self_shipment.tracking_number.trim().toUpperCase();
      pkg.carrier = carrier;
    } else {
      if (!request.handover_method) throw new ApiError(TikTokCode.invalidParameter, 'handover_method is required for an order shipped by TikTok.');
      if (request.handover_method === 'PICKUP') {
        const slot = request.pickup_slot;
        const offered = this.handoverSlots().pickup_slots.find((s) => s.avaliable && slot && s.start_time === slot.start_time && s.end_time === slot.end_time);
        if (!offered) throw new ApiError(TikTokCode.invalidParameter, 'pickup_slot must be one of the available handover time slots.');
        pkg.pickupSlot = { start_time: offered.start_time, end_time: offered.end_time };
      }
      pkg.handoverMethod = request.handover_method;
    }
    pkg.status = 'FULFILLING';
    pkg.shippedAt = now;
    pkg.updateTime = now;
    this.shipCounts.set(packageId, (this.shipCounts.get(packageId) ?? 0) + 1);
    const allShipped = order.packages.every((p) => p.status === 'FULFILLING' || p.status === 'COMPLETED');
    this.setStatus(order, allShipped ? 'AWAITING_COLLECTION' : 'PARTIALLY_SHIPPING', now);
  }

  updateShippingInfo(shop: SandboxShop, packageId: string, trackingNumber: string, providerId: string): void {
    const { order, pkg } = this.packageOf(shop, packageId);
    if (order.status === 'CANCELLED') throw new ApiError(TikTokCode.orderCancelled, 'The order has been cancelled.');
    if (pkg.status === 'PROCESSING') throw new ApiError(TikTokCode.invalidParameter, 'The package has not been shipped yet.');
    const carrier = this.carrierFor(order, providerId);
    if (!isValidTrackingNumber(carrier, trackingNumber)) throw new ApiError(TikTokCode.invalidTrackingNumber, `The tracking number is not valid for ${carrier}.`);
    pkg.trackingNumber = trackingNumber.trim().toUpperCase();
    pkg.carrier = carrier;
    pkg.updateTime = this.now();
    this.touch(order, this.now());
  }

  /** Pickup windows TikTok offers: mornings and afternoons of the next three days; ones starting within 2 h are full. */
  handoverSlots() {
    const now = this.now();
    const day = Math.floor(now / 86_400) * 86_400;
    const slots = [0, 1, 2, 3].flatMap((d) =>
      [
        [9, 12],
        [13, 17],
      ].map(([from, to]) => ({ start_time: day + d * 86_400 + from! * HOUR, end_time: day + d * 86_400 + to! * HOUR })),
    );
    return {
      can_pickup: true,
      can_drop_off: true,
      pickup_slots: slots.filter((s) => s.end_time > now).slice(0, 6).map((s) => ({ ...s, avaliable: s.start_time > now + 2 * HOUR })),
      drop_off_point_url: 'https://seller.packbench.invalid/drop-off-points',
    };
  }

  /** The buyer (or TikTok) cancels an order now; refused once anything has shipped. */
  cancel(orderId: string, reason = 'Buyer cancelled'): SandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new ApiError(TikTokCode.notFound, `Order ${orderId} does not exist.`);
    if (order.status === 'CANCELLED') return order;
    if (order.packages.some((pkg) => pkg.status !== 'PROCESSING')) throw new ApiError(TikTokCode.invalidParameter, `Order ${orderId} has shipped and can no longer be cancelled.`);
    this.cancelNow(order, reason, this.now());
    return order;
  }

  /** New paid orders placed now, as if buyers had just checked out. */
  addOrders(count: number): SandboxOrder[] {
    const added: SandboxOrder[] = [];
    for (let i = 0; i < count; i += 1) {
      const generated = generateOrder(this.options.seed, MANUAL_INDEX_BASE + this.manual, this.options.epoch, this.now());
      this.manual += 1;
      this.add(generated);
      added.push(generated.order);
    }
    return added;
  }

  /** Changes an order's address, as a buyer may before it ships (the pull must bring the change in). */
  touchOrder(orderId: string, change: (order: SandboxOrder) => void): SandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new ApiError(TikTokCode.notFound, `Order ${orderId} does not exist.`);
    change(order);
    this.touch(order, this.now());
    return order;
  }

  private carrierFor(order: SandboxOrder, providerId: string): Carrier {
    const carrier = (Object.keys(PROVIDER_IDS) as Carrier[]).find((c) => PROVIDER_IDS[c] === providerId);
    if (!carrier || !order.shop.providers[order.tier].includes(carrier)) {
      throw new ApiError(TikTokCode.invalidParameter, `Shipping provider ${providerId} is not offered for this order's delivery option.`);
    }
    return carrier;
  }

  private cancelNow(order: SandboxOrder, reason: string, at: number): void {
    order.cancelReason = reason;
    for (const pkg of order.packages) {
      pkg.status = 'CANCELLED';
      pkg.updateTime = at;
    }
    this.setStatus(order, 'CANCELLED', at);
  }

  private setStatus(order: SandboxOrder, status: SandboxOrder['status'], at: number): void {
    order.status = status;
    this.touch(order, at);
  }

  private touch(order: SandboxOrder, at: number): void {
    order.updateTime = Math.max(order.updateTime, at);
    this.version += 1;
  }

  private add({ order, events }: ReturnType<typeof generateOrder>): void {
    this.orders.set(order.id, order);
    for (const pkg of order.packages) this.packages.set(pkg.id, { order, pkg });
    this.pending.push(...events);
    this.version += 1;
  }
}
