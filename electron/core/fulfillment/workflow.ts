import { type SessionUser } from '../../../shared/contract';
import type { LabelStatus, ShippingProvider } from '../../../shared/contract/pack';
import type { PrintJob } from '../../../shared/contract/printing';
import type { OutboxRow } from '../../../shared/contract/sync';
import type { Order } from '../../../shared/domain/orders/order';
import { recogniseCarrier } from '../../../shared/domain/tracking/recognise';
import { validateTracking } from '../../../shared/domain/tracking/validate';
import type { AuditEntry } from '../audit';
import { carrierForOrder } from '../carriers';
import type { Settings } from '../config/settings';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import { OrderStore } from '../orders';
import { enqueueWrite, OutboxStore } from '../outbox';
import {
  markLabelled,
  TrackingStore,
  type KeptDocument,
  type ParcelFacts,
  type PrintingService,
  type SellerCarrier,
} from '../printing';
import { noCarrierPlan, sellerLabelPlan, sellerShipWrite } from './seller-shipping';
import { ShipmentStore, type Shipment } from './shipment-store';
import { ParcelStatus } from './parcel-status';
import { requeueWithTracking } from './refused-writes';
import { packagesToShip, parcelToScan, SplitParcelStore } from './split-parcels';
import { Conflict, InvalidRequest, NotFound } from '../errors/domain-errors';

export interface WorkflowDeps {
  db: Db;
  settings: Settings;
  bus: EventBus;
  now: () => number;
  stationId: string;
  audit(entry: AuditEntry): void;
}

type Emit = () => void;

/**
 * The parcel's life after its last item is verified, in one place: the ship write owed (queued in the transaction
 * that completes packing), the label (TikTok's document, or the station's own with a tracking number from a range,
 * or the carrier's own label scanned), and what the desk, the dashboard and the handover are told about it. It
 * calls the features' public functions (outbox, printing, orders) and writes only its own table, shipments.
 */
export class ParcelWorkflow implements ParcelFacts {
  readonly shipments: ShipmentStore;
  readonly splits: SplitParcelStore;
  /** What the desk and the handover are told about a parcel. */
  readonly told: ParcelStatus;
  private readonly orders: OrderStore;
  private readonly outbox: OutboxStore;
  private readonly tracking: TrackingStore;
  private printing: PrintingService | null = null;

  constructor(private readonly deps: WorkflowDeps) {
    this.shipments = new ShipmentStore(deps.db, deps.now);
    this.splits = new SplitParcelStore(deps.db);
    this.orders = new OrderStore(deps.db);
    this.outbox = new OutboxStore(deps.db, deps.now);
    this.tracking = new TrackingStore(deps.db);
    this.told = new ParcelStatus({
      shipments: this.shipments,
      splits: this.splits,
      outbox: this.outbox,
      orders: this.orders,
      liveLabel: (orderId) => this.printing?.jobs.liveLabel(orderId) ?? null,
    });
  }

  /** Printing is built after the workflow (it asks the workflow about parcels); it joins here. */
  attachPrinting(printing: PrintingService): void {
    this.printing = printing;
  }

  private order(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new NotFound(`There is no order ${orderId}.`);
    return order;
  }

  private meta(userId: number | null) {
    return { userId, stationId: this.deps.stationId, now: this.deps.now() };
  }

  /** After the commit: the desk repaints the label of this order. */
  private announce(orderId: string): Emit {
    return () => {
      const status = this.status(orderId);
      if (status) this.deps.bus.emit('pack.label', status);
    };
  }

  /**
   * The last item of an order was verified (or a supervisor overrode): runs INSIDE the pack transaction, so the
   * packed order and the ship write it owes are committed together. TikTok-shipped: Ship Package is queued now,
   * the label follows once TikTok accepted it. Seller-shipped: the carrier is chosen; the label prints from a
   * number range, or the packer scans the carrier's own label.
   */
  packed(orderId: string, userId: number): void {
    const order = this.order(orderId);
    const existing = this.shipments.get(orderId);
    if (existing) {
      // Arranged ahead of packing: the order is now packed, and its label (kept or coming) is its own.
      this.shipments.update(orderId, { packed: true });
      return;
    }
    if (order.shippingType === 'TIKTOK') this.arrangeTikTok(order, userId, true);
    else this.chooseSeller(order, true);
    queueMicrotask(this.announce(orderId));
  }

  /** TikTok ships: queue Ship Package for each of its packages, with the warehouse's handover method. */
  arrangeTikTok(order: Order, userId: number | null, packed: boolean): void {
    const [pkg, ...split] = packagesToShip(order);
    if (!pkg) {
      this.shipments.create(order.id, 'tiktok', {
        labelState: 'failed',
        packed,
        reason: { code: 'no_package' },
        todo: { code: 'pull_again' },
      });
      return;
    }
    const handoverMethod = this.deps.settings.string('fulfillment.handoverMethod') === 'PICKUP' ? 'PICKUP' : 'DROP_OFF';
    // PICKUP without a slot: the sync worker books the next slot TikTok offers when it sends the write.
    const ship = (packageId: string) =>
      enqueueWrite(
        this.deps.db,
        { kind: 'ship.tiktok', orderId: order.id, packageId, handoverMethod, pickupSlot: null },
        this.meta(userId),
      ).id;
    this.shipments.create(order.id, 'tiktok', {
      labelState: 'ship_queued',
      packed,
      shipWriteId: ship(pkg.id),
      reason: null,
      todo: null,
    });
    for (const other of split) this.splits.add(order.id, other.id, ship(other.id));
  }

  private chooseSeller(order: Order, packed: boolean, deskChoice: ShippingProvider | null = null): Shipment {
    const resolution = carrierForOrder(this.deps.db, order, deskChoice);
    const existing = this.shipments.get(order.id);
    const patch = resolution.ok
      ? sellerLabelPlan(this.tracking, order, resolution.provider.name, resolution.provider.id)
      : noCarrierPlan(order);
    const shipment = existing
      ? this.shipments.update(order.id, { ...patch, packed: existing.packed || packed })
      : this.shipments.create(order.id, 'seller', { ...patch, packed });
    // The first package ships on the shipments row (sellerShipWrite); every other one is a parcel of its own.
    for (const pkg of packagesToShip(order))
      if (pkg.id !== order.packages[0]?.id) this.splits.add(order.id, pkg.id, null);
    return shipment;
  }

  // ----- ParcelFacts: what printing asks and tells -----

  keptDocuments(orderId: string): KeptDocument[] {
    const shipment = this.shipments.get(orderId);
    if (!shipment?.documentPath || !shipment.documentFormat) return [];
    const documents = [{ path: shipment.documentPath, format: shipment.documentFormat }];
    for (const parcel of this.splits.of(orderId)) {
      // The first package's document is kept last, so a split parcel without one means the label is not whole.
      if (!parcel.documentPath || !parcel.documentFormat) return [];
      documents.push({ path: parcel.documentPath, format: parcel.documentFormat });
    }
    return documents;
  }

  sellerCarrier(orderId: string): SellerCarrier | null {
    const shipment = this.shipments.get(orderId);
    if (shipment?.flow !== 'seller' || !shipment.carrier) return null;
    return { name: shipment.carrier, providerId: shipment.shippingProviderId, trackingNumber: shipment.trackingNumber };
  }

  blocker(orderId: string): string | null {
    const shipment = this.ensure(orderId);
    if (!shipment) return null;
    switch (shipment.labelState) {
      case 'ship_queued':
      case 'waiting_tiktok':
        return "TikTok's label is not here yet: it prints by itself when it arrives.";
      case 'scan_tracking':
        return `The parcel carries the carrier's own label: scan the tracking number on the ${shipment.carrier ?? 'carrier'} label.`;
      case 'cancelled':
        return `Order ${orderId} was cancelled: no label prints for it.`;
      case 'failed':
        // A label that failed at the printer may be printed again; one that could not be made may not.
        return this.printing?.jobs.list({ orderId, limit: 1 })[0]?.state === 'failed'
          ? null
          : 'The label cannot be made yet: the label panel on the pack screen says why and what to do.';
      default:
        return null;
    }
  }

  trackingIssued(orderId: string, trackingNumber: string, providerId: string): void {
    this.shipments.update(orderId, { trackingNumber, shippingProviderId: providerId });
  }

  splitParcels(orderId: string): Array<{ packageId: string; trackingNumber: string | null }> {
    return this.splits.of(orderId).map(({ packageId, trackingNumber }) => ({ packageId, trackingNumber }));
  }

  splitTrackingIssued(orderId: string, packageId: string, trackingNumber: string): void {
    this.splits.setTracking(orderId, packageId, trackingNumber);
  }

  labelPrinted(job: PrintJob): void {
    const shipment = job.orderId ? this.ensure(job.orderId) : null;
    if (!shipment || job.kind !== 'label') return;
    const updated = this.shipments.update(shipment.orderId, {
      labelState: 'printed',
      reason: null,
      todo: null,
      ...(job.trackingNumber && shipment.flow === 'seller' ? { trackingNumber: job.trackingNumber } : {}),
    });
    if (updated.flow === 'seller' && !updated.shipWriteId)
      this.queueSellerShip(this.order(updated.orderId), updated, null);
    queueMicrotask(this.announce(shipment.orderId));
  }

  labelFailed(job: PrintJob): void {
    if (!job.orderId || !this.shipments.get(job.orderId)) return;
    this.shipments.update(job.orderId, {
      labelState: 'failed',
      reason: { code: 'print_failed' },
      todo: { code: 'print_again' },
    });
    this.announce(job.orderId)();
  }

  /**
   * The shipment of a packed order that has none (packed before this desk kept shipments, or printed from
   * Settings): made now, as packing would have. Runs inside the caller's transaction.
   */
  private ensure(orderId: string): Shipment | null {
    const shipment = this.shipments.get(orderId);
    if (shipment) return shipment;
    const order = this.orders.get(orderId);
    if (!order || !['packed', 'labelled', 'handed_over'].includes(order.stationState)) return null;
    if (order.shippingType === 'TIKTOK') this.arrangeTikTok(order, null, true);
    else this.chooseSeller(order, true);
    return this.shipments.get(orderId);
  }

  private queueSellerShip(order: Order, shipment: Shipment, userId: number | null): void {
    const write = sellerShipWrite(order, shipment);
    if (!write) return;
    const queued = enqueueWrite(this.deps.db, write, this.meta(userId));
    this.queueSplitWrites(order, this.shipments.update(order.id, { shipWriteId: queued.id }), userId);
  }

  /** Ship Package for each split parcel that has its own tracking number and no write yet. */
  private queueSplitWrites(order: Order, shipment: Shipment, userId: number | null): void {
    const write = sellerShipWrite(order, shipment);
    if (write?.kind !== 'ship.seller') return;
    for (const parcel of this.splits.of(order.id)) {
      if (parcel.shipWriteId !== null || !parcel.trackingNumber) continue;
      const queued = enqueueWrite(
        this.deps.db,
        { ...write, packageId: parcel.packageId, trackingNumber: parcel.trackingNumber },
        this.meta(userId),
      );
      this.splits.setWrite(order.id, parcel.packageId, queued.id);
    }
  }

  /**
   * A write took effect upstream (inside the sync transaction that settles it). Mark Package As Shipped created the
   * package: the order keeps it, so handover and tracking see the parcel under the id TikTok gave it.
   */
  writeApplied(row: OutboxRow, packageId: string | null): void {
    const write = row.write;
    if (write.kind !== 'ship.mark' || !packageId) return;
    const shipment = this.shipments.get(write.orderId);
    this.orders.addShippedPackage(write.orderId, {
      id: packageId,
      lineItemIds: write.lineItemIds,
      trackingNumber: write.trackingNumber,
      shippingProviderId: write.shippingProviderId,
      shippingProviderName: shipment?.carrier ?? null,
    });
  }

  // ----- The desk -----

  /** The tracking number scanned from the carrier's own label: checked, kept, and the ship write queued with it. */
  setTracking(orderId: string, raw: string, user: SessionUser | null): LabelStatus {
    const labelled = this.deps.db.transaction(() => {
      const order = this.order(orderId);
      if (order.shippingType !== 'SELLER')
        throw new Conflict('TikTok ships this order: its tracking number comes from TikTok Shop.');
      const shipment = this.ensure(orderId);
      if (!shipment) throw new Conflict(`Order ${orderId} is not packed yet: scan its items first.`);
      if (shipment.labelState === 'cancelled') throw new Conflict(`Order ${orderId} was cancelled: it does not ship.`);
      const write = shipment.shipWriteId ? this.outbox.get(shipment.shipWriteId) : null;
      const mainDone = write && write.state !== 'failed' && write.state !== 'cancelled';
      // A split order's parcels are scanned one after the other, then any whose number TikTok refused, again.
      const parcels = this.splits.of(orderId);
      const parcel = mainDone ? parcelToScan(parcels, this.outbox) : undefined;
      if (mainDone && !parcel)
        throw new Conflict(
          `Order ${orderId} already has tracking number ${shipment.trackingNumber ?? ''}: void its label before changing it.`,
        );
      const carrier = shipment.carrier;
      if (!carrier) throw new Conflict('Choose the carrier first (Change carrier), then scan its label.');
      const check = validateTracking(carrier, raw);
      if (!check.ok) {
        const other = recogniseCarrier(raw);
        const hint =
          other && other.ok && !validateTracking(carrier, other.number).ok
            ? ` It looks like a ${other.carrier} number: change the carrier, or scan the ${carrier} label.`
            : '';
        throw new InvalidRequest(`${check.reason}${hint}`);
      }
      // Only another parcel's number is refused here: the same one again is the packer's to retry.
      const elsewhere = parcels.filter((other) => other !== parcel).map((other) => other.trackingNumber);
      if ([parcel ? shipment.trackingNumber : null, ...elsewhere].includes(check.number))
        throw new InvalidRequest(
          `${check.number} is on another parcel of order ${orderId} already: scan the label of the next parcel.`,
        );
      const packageId = parcel?.packageId ?? order.packages[0]?.id;
      if (packageId) this.tracking.store(orderId, packageId, check.number, carrier, shipment.shippingProviderId);
      if (parcel) this.splits.setTracking(orderId, parcel.packageId, check.number);
      const waiting = parcels.filter((other) => !other.trackingNumber && other !== parcel).length;
      const updated = this.shipments.update(orderId, {
        ...(parcel ? {} : { trackingNumber: check.number }),
        labelState: waiting > 0 ? 'scan_tracking' : 'printed',
        reason: { code: waiting > 0 ? 'next_parcel' : 'carrier_own_label', carrier, trackingNumber: check.number },
        todo: waiting > 0 ? { code: 'scan_tracking', carrier } : null,
      });
      const ownWrite = parcel ? (parcel.shipWriteId ? this.outbox.get(parcel.shipWriteId) : null) : write;
      if (ownWrite?.state === 'failed') this.fixFailedWrite(ownWrite, check.number, user);
      else if (parcel) this.queueSplitWrites(order, updated, user?.id ?? null);
      else this.queueSellerShip(order, updated, user?.id ?? null);
      if (waiting === 0) markLabelled(this.deps.db, orderId, this.deps.now());
      this.deps.audit({
        action: 'fulfillment.setTracking',
        userId: user?.id ?? null,
        orderId,
        details: {
          trackingNumber: check.number,
          carrier,
          replaced: parcel ? null : (write?.id ?? null),
          packageId: packageId ?? null,
        },
      });
      return waiting === 0;
    })();
    this.announce(orderId)();
    if (labelled) this.deps.bus.emit('pack.changed', { orderId, stationState: 'labelled' });
    return this.status(orderId)!;
  }

  /** A ship write TikTok refused for its tracking number (invalid, or in use) goes again with the new one. */
  private fixFailedWrite(row: OutboxRow, trackingNumber: string, user: SessionUser | null): void {
    const write = row.write;
    if (write.kind === 'ship.seller' || write.kind === 'ship.mark')
      requeueWithTracking(this.outbox, this.deps.audit, row, { ...write, trackingNumber }, user);
  }

  /** Another carrier for a seller parcel, chosen at the desk before its tracking number is set. */
  setCarrier(orderId: string, provider: ShippingProvider, user: SessionUser | null): LabelStatus {
    this.deps.db.transaction(() => {
      const order = this.order(orderId);
      if (order.shippingType !== 'SELLER') throw new Conflict('TikTok ships this order with its own carrier.');
      const shipment = this.shipments.get(orderId);
      if (shipment?.trackingNumber && shipment.labelState === 'printed')
        throw new Conflict(
          `Order ${orderId} already shipped with ${shipment.carrier ?? 'its carrier'}: void its label first.`,
        );
      const updated = this.chooseSeller(order, shipment?.packed ?? false, provider);
      // The desk's choice wins over a default, but never over the carrier the marketplace named.
      if (updated.carrier !== provider.name && !order.packages[0]?.shippingProviderName && !order.carrier) {
        this.shipments.update(orderId, { ...sellerLabelPlan(this.tracking, order, provider.name, provider.id) });
      }
      this.deps.audit({
        action: 'fulfillment.setCarrier',
        userId: user?.id ?? null,
        orderId,
        details: { providerId: provider.id, name: provider.name },
      });
    })();
    this.announce(orderId)();
    return this.status(orderId)!;
  }

  // ----- What the desk is told -----

  status(orderId: string): LabelStatus | null {
    return this.told.status(orderId);
  }
}
