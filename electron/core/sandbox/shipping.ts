import { Code, documented, invalidParameters } from './errors';
import { carriersMatching, isValidTrackingNumber, type Carrier } from './identifiers';
import type { Market } from './market';
import type { SandboxOrder, SandboxPackage } from './model';
import { PROVIDER_IDS, type SandboxShop } from './world';

const HOUR = 3600;

/** Body of Ship Package (ship-package.spec.json) and of one entry of Batch Ship Packages. */
interface ShipRequest {
  handover_method?: 'PICKUP' | 'DROP_OFF';
  pickup_slot?: { start_time: number; end_time: number };
  self_shipment?: { tracking_number: string; shipping_provider_id: string };
}

/** Body of Mark Package As Shipped (mark-package-as-shipped.spec.json). */
interface MarkRequest {
  order_line_item_ids?: string[];
  tracking_number: string;
  shipping_provider_id: string;
}

/** Markets where TikTok offers Mark Package As Shipped (its spec's first line). */
const MARK_MARKETS = new Set(['US', 'GB', 'ES', 'IE', 'IT', 'DE', 'FR', 'JP']);

/** What the carrier reports after its first scan, hours after it: the last one is the delivery. */
const TRANSIT: ReadonlyArray<readonly [number, string]> = [
  [8, 'Departed the carrier facility'],
  [30, 'Out for delivery'],
  [36, 'Delivered'],
];

const UPDATE_WINDOW_US = 72 * HOUR;

/** A delivered order closes (COMPLETED) once the buyer can no longer ask for a return. */
const RETURN_WINDOW = 7 * 86_400;

const SHIPPED = new Set<SandboxPackage['status']>(['PROCESSING', 'FULFILLING', 'COMPLETED']);

/** Ship Package, Mark Package As Shipped, the carrier's scans, and the order status they lead to. */
export class Shipping {
  /** Packages shipped and not yet delivered: the ones the clock moves on. */
  private readonly moving = new Map<string, SandboxPackage>();
  /** Tracking number -> package, for the duplicate check (21011025). */
  private readonly usedTracking = new Map<string, string>();
  private nextPackage = 0;

  constructor(
    private readonly market: Market,
    private readonly collectAfterSeconds: number,
  ) {}

  /** Starts following a package the market learned about (seeded history, or one just created). */
  watch(pkg: SandboxPackage): void {
    if (pkg.trackingNumber) this.usedTracking.set(pkg.trackingNumber, pkg.id);
    if (pkg.status === 'PROCESSING' || pkg.status === 'FULFILLING') this.moving.set(pkg.id, pkg);
  }

  /** The carriers TikTok lists for the order's delivery option (Get Shipping Providers). */
  providersFor(order: SandboxOrder): readonly Carrier[] {
    return order.shop.providers[order.tier];
  }

  /** POST /fulfillment/202309/packages/{id}/ship (and each package of a batch ship). */
  ship(shop: SandboxShop, packageId: string, request: ShipRequest, api: string): void {
    this.market.shipAttempts.set(packageId, (this.market.shipAttempts.get(packageId) ?? 0) + 1);
    const { order, pkg } = this.market.packageOf(shop, packageId, api);
    if (order.status === 'CANCELLED' || pkg.status === 'CANCELLED') throw documented(Code.orderCancelled, api);
    // Waiting for the carrier: "already shipped"; once the carrier has it: "shipped, do not ship again".
    if (pkg.status === 'PROCESSING') throw documented(Code.alreadyShipped, api);
    if (SHIPPED.has(pkg.status))
      throw documented(api === 'ship-package' ? Code.packageShippedAgain : Code.alreadyShipped, api);
    if (order.status !== 'AWAITING_SHIPMENT' && order.status !== 'PARTIALLY_SHIPPING') throw invalidParameters();
    const now = this.market.now();
    if (order.shippingType === 'SELLER') {
      if (!request.self_shipment) throw invalidParameters();
      const { carrier } = this.checkTracking(
        order,
        request.self_shipment.tracking_number,
        request.self_shipment.shipping_provider_id,
        pkg.id,
        api,
        false,
      );
      pkg.trackingNumber = request.self_shipment.tracking_number.trim().toUpperCase();
      pkg.carrier = carrier;
    } else {
      const method = request.handover_method ?? 'DROP_OFF';
      if (method === 'PICKUP') {
        const slot = request.pickup_slot;
        const offered = this.handoverSlots().pickup_slots.find(
          (s) => s.avaliable && slot && s.start_time === slot.start_time && s.end_time === slot.end_time,
        );
        if (!offered) throw invalidParameters();
        pkg.pickupSlot = { start_time: offered.start_time, end_time: offered.end_time };
      }
      pkg.handoverMethod = method;
    }
    this.shipNow(order, pkg, now);
  }

  /** POST /fulfillment/202309/orders/{order_id}/packages: puts the named lines (default: all unshipped) in a new shipped package. */
  markShipped(
    shop: SandboxShop,
    orderId: string,
    request: MarkRequest,
  ): { order_id: string; order_line_item_ids: string[]; package_id: string; warning?: { message: string } } {
    const api = 'mark-package-as-shipped';
    const order = this.market.order(orderId);
    if (!order || order.shop.id !== shop.id) throw invalidParameters();
    if (!MARK_MARKETS.has(shop.region)) throw documented(21008106, api);
    if (order.status === 'CANCELLED') throw documented(Code.orderCancelled, api);
    if (order.shippingType !== 'SELLER') throw documented(21011004, api);
    if (order.status === 'UNPAID' || order.status === 'ON_HOLD') throw invalidParameters();
    const unshipped = order.lines.filter((line) => !this.lineShipped(order, line.packageId));
    let ids = request.order_line_item_ids;
    if (!ids || ids.length === 0) {
      const open = new Set(unshipped.map((line) => line.packageId).filter((id) => id !== null));
      if (open.size > 1) throw documented(Code.tooManyPackages, api);
      ids = unshipped.map((line) => line.id);
    }
    const lines = ids.map((id) => order.lines.find((line) => line.id === id));
    if (lines.some((line) => !line)) throw invalidParameters();
    const alreadyShipped = lines.filter((line) => this.lineShipped(order, line!.packageId));
    if (alreadyShipped.length === lines.length) throw documented(Code.ordersAlreadyShipped, api);
    if (alreadyShipped.length > 0) throw documented(Code.packageShippedMark, api);
    const { carrier, warning } = this.checkTracking(
      order,
      request.tracking_number,
      request.shipping_provider_id,
      null,
      api,
      shop.region === 'US' && shop.sellerType === 'LOCAL',
    );

    const now = this.market.now();
    this.nextPackage += 1;
    const pkg: SandboxPackage = {
      id: `1153${order.id.slice(3, 12)}${String(this.nextPackage).padStart(6, '0')}`,
      status: 'TO_FULFILL',
      trackingNumber: request.tracking_number.trim().toUpperCase(),
      carrier,
      handoverMethod: null,
      pickupSlot: null,
      shippedAt: null,
      collectedAt: null,
      tracking: [],
      createTime: now,
      updateTime: now,
    };
    const emptied = new Set(lines.map((line) => line!.packageId).filter((id) => id !== null));
    for (const line of lines) line!.packageId = pkg.id;
    for (const id of emptied)
      if (!order.lines.some((line) => line.packageId === id)) this.market.removePackage(order, id);
    this.market.addPackage(order, pkg);
    this.shipNow(order, pkg, now);
    return {
      order_id: order.id,
      order_line_item_ids: ids,
      package_id: pkg.id,
      ...(warning ? { warning: { message: warning } } : {}),
    };
  }

  /** POST /fulfillment/202309/packages/{id}/shipping_info/update. */
  updateShippingInfo(shop: SandboxShop, packageId: string, trackingNumber: string, providerId: string): void {
    const api = 'update-package-shipping-info';
    const { order, pkg } = this.market.packageOf(shop, packageId, api);
    if (order.status === 'CANCELLED') throw documented(21011042, api);
    if (order.shippingType !== 'SELLER') throw documented(21011004, 'update-shipping-info');
    if (!SHIPPED.has(pkg.status)) throw documented(Code.updateNotShipped, api);
    if (pkg.status === 'COMPLETED') throw documented(21011030, api);
    // US shops may change shipping information for 72 hours after shipping (changelog, "...extended to 72 hours").
    if (shop.region === 'US' && this.market.now() > pkg.shippedAt! + UPDATE_WINDOW_US) throw documented(21011049, api);
    const { carrier } = this.checkTracking(order, trackingNumber, providerId, pkg.id, api, false);
    if (pkg.trackingNumber) this.usedTracking.delete(pkg.trackingNumber);
    pkg.trackingNumber = trackingNumber.trim().toUpperCase();
    this.usedTracking.set(pkg.trackingNumber, pkg.id);
    pkg.carrier = carrier;
    pkg.updateTime = this.market.now();
    this.market.touch(order, pkg.updateTime);
  }

  /** The carrier's first scan (POST /sandbox/packages/<id>/collect, or collectAfterSeconds after shipping). */
  collect(packageId: string, at = this.market.now()): SandboxPackage {
    const found = this.market.findPackage(packageId);
    if (!found) throw new Error(`Package ${packageId} does not exist.`);
    const { order, pkg } = found;
    if (pkg.status !== 'PROCESSING')
      throw new Error(
        `Package ${packageId} is ${pkg.status}: only a shipped package waiting for the carrier (PROCESSING) can be collected.`,
      );
    pkg.status = 'FULFILLING';
    pkg.collectedAt = at;
    pkg.updateTime = at;
    pkg.tracking.push({ description: 'Parcel collected by the carrier', atMs: at * 1000 });
    this.settle(order, at);
    return pkg;
  }

  /** Scans due on the clock: first scans after collectAfterSeconds, then transit events up to delivery. */
  tick(now: number): void {
    for (const [id, pkg] of this.moving) {
      if (pkg.status === 'CANCELLED' || pkg.status === 'COMPLETED') {
        this.moving.delete(id);
        continue;
      }
      if (pkg.status === 'PROCESSING') {
        if (this.collectAfterSeconds <= 0 || pkg.shippedAt === null || pkg.shippedAt + this.collectAfterSeconds > now)
          continue;
        this.collect(id, pkg.shippedAt + this.collectAfterSeconds);
      }
      for (const [hours, description] of TRANSIT) {
        const at = pkg.collectedAt! + hours * HOUR;
        if (at > now || pkg.tracking.some((event) => event.description === description)) continue;
        pkg.tracking.push({ description, atMs: at * 1000 });
        pkg.updateTime = at;
        if (description === 'Delivered') pkg.status = 'COMPLETED';
        this.settle(this.market.findPackage(id)!.order, at);
      }
    }
  }

  /** Pickup windows TikTok offers: mornings and afternoons of the next days; ones starting within 2 h are full. */
  handoverSlots() {
    const now = this.market.now();
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
      pickup_slots: slots
        .filter((s) => s.end_time > now)
        .slice(0, 6)
        .map((s) => ({ ...s, avaliable: s.start_time > now + 2 * HOUR })),
      drop_off_point_url: 'https://seller.packbench.invalid/drop-off-points',
    };
  }

  private lineShipped(order: SandboxOrder, packageId: string | null): boolean {
    const pkg = packageId === null ? undefined : order.packages.find((p) => p.id === packageId);
    return pkg !== undefined && SHIPPED.has(pkg.status);
  }

  /**
   * The seller's tracking number against its chosen provider: the provider must be one Get Shipping Providers lists
   * for the order's delivery option, the number must pass that carrier's check digit (21011022) and no other package
   * may use it (21011025). US local sellers' Mark Package As Shipped instead accepts a number of another listed
   * carrier with a warning, as the changelog describes.
   */
  private checkTracking(
    order: SandboxOrder,
    trackingNumber: string,
    providerId: string,
    packageId: string | null,
    api: string,
    warnOnMismatch: boolean,
  ) {
    const offered = this.providersFor(order);
    const carrier = offered.find((c) => PROVIDER_IDS[c] === providerId);
    if (!carrier) throw documented(Code.invalidTracking, api);
    const number = trackingNumber.trim().toUpperCase();
    let warning: string | null = null;
    if (!isValidTrackingNumber(carrier, number)) {
      const others = carriersMatching(number, offered);
      if (!warnOnMismatch || others.length === 0) throw documented(Code.invalidTracking, api);
      warning = `The tracking number you entered does not match your selected logistics provider. Check the tracking number and logistics provider. Did you mean to select ${others[0]}?`;
    } else if (warnOnMismatch && carriersMatching(number, offered).length > 1) {
      warning =
        'The tracking number you entered matches multiple logistics providers. Ensure you select the correct logistics provider.';
    }
    const user = this.usedTracking.get(number);
    if (user !== undefined && user !== packageId) throw documented(Code.duplicateTracking, api);
    return { carrier, warning };
  }

  private shipNow(order: SandboxOrder, pkg: SandboxPackage, now: number): void {
    pkg.status = 'PROCESSING';
    pkg.shippedAt = now;
    pkg.updateTime = now;
    if (pkg.trackingNumber) this.usedTracking.set(pkg.trackingNumber, pkg.id);
    this.moving.set(pkg.id, pkg);
    order.rtsTime ??= now;
    this.market.shipCounts.set(pkg.id, (this.market.shipCounts.get(pkg.id) ?? 0) + 1);
    this.settle(order, now);
  }

  /** The order status its packages lead to (get-order-list.spec.json's status list). */
  private settle(order: SandboxOrder, at: number): void {
    if (order.status === 'CANCELLED') return;
    const packageOf = new Map(order.packages.map((pkg) => [pkg.id, pkg]));
    const lines = order.lines.map((line) => (line.packageId === null ? undefined : packageOf.get(line.packageId)));
    const shipped = lines.filter((pkg) => pkg !== undefined && SHIPPED.has(pkg.status));
    if (shipped.length === 0) return;
    let status: SandboxOrder['status'];
    if (shipped.length < lines.length) status = 'PARTIALLY_SHIPPING';
    else if (shipped.every((pkg) => pkg!.status === 'COMPLETED')) status = 'DELIVERED';
    else if (shipped.every((pkg) => pkg!.status !== 'PROCESSING')) status = 'IN_TRANSIT';
    else status = 'AWAITING_COLLECTION';
    if (status === 'IN_TRANSIT') order.collectionTime ??= at;
    if (status === 'DELIVERED' && order.status !== 'DELIVERED')
      this.market.schedule({ at: at + RETURN_WINDOW, orderId: order.id, kind: 'complete' });
    this.market.setStatus(order, status, at);
  }
}
