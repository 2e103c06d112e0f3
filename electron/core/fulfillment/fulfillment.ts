import { type EventPayload, type SessionUser, type StationEvent } from '../../../shared/contract';
import type { LabelStatus, ShippingProvider } from '../../../shared/contract/pack';
import type { OutboxRow } from '../../../shared/contract/sync';
import type { TikTokShopClient } from '../marketplace';
import { OrderStore } from '../orders';
import { OutboxStore } from '../outbox';
import { isOpenAt, stopOpenOrder } from '../pack';
import { labelPrinterConfig, type PrintingService, TrackingStore } from '../printing';
import type { SyncWorker } from '../sync';
import { LabelFetcher, type KeptTracking } from './label-fetcher';
import { PackingSlips } from './packing-slip';
import { RefusedWrites } from './refused-writes';
import type { Shipment } from './shipment-store';
import { ParcelWorkflow, type WorkflowDeps } from './workflow';
import { Conflict, NotFound, Unavailable } from '../errors/domain-errors';

export interface FulfillmentDeps extends WorkflowDeps {
  marketplace: TikTokShopClient;
  dataDir: string;
  currentUser: () => SessionUser | null;
  onClose(stop: () => void | Promise<void>): void;
}

/**
 * The parcel's life from the last verified item to the carrier's scan, for one station: the workflow (ship write,
 * label, tracking number), TikTok's label fetched once shipment is arranged, labels arranged ahead of packing,
 * cancellations that stop the packer, and collection confirmed after handover. Built before printing and sync
 * (they ask it about parcels), started once they exist.
 */
export class Fulfillment {
  readonly workflow: ParcelWorkflow;
  private readonly outbox: OutboxStore;
  private readonly orders: OrderStore;
  private readonly refused: RefusedWrites;
  private printing: PrintingService | null = null;
  private fetcher: LabelFetcher | null = null;
  private slips: PackingSlips | null = null;
  /** Slips being made (TikTok's document may be on its way): close and tests wait for them. */
  private readonly slipsMaking = new Set<Promise<unknown>>();

  constructor(private readonly deps: FulfillmentDeps) {
    this.workflow = new ParcelWorkflow(deps);
    this.outbox = new OutboxStore(deps.db, deps.now);
    this.orders = new OrderStore(deps.db);
    this.refused = new RefusedWrites({
      deps,
      outbox: this.outbox,
      orders: this.orders,
      shipments: this.workflow.shipments,
      splits: this.workflow.splits,
      printing: () => this.printing,
      announce: (orderId) => this.announce(orderId),
    });
  }

  start(printing: PrintingService, sync: SyncWorker): void {
    this.printing = printing;
    this.workflow.attachPrinting(printing);
    this.fetcher = new LabelFetcher({
      shipments: this.workflow.shipments,
      splits: this.workflow.splits,
      outbox: this.outbox,
      orders: this.orders,
      client: this.deps.marketplace,
      dataDir: this.deps.dataDir,
      now: this.deps.now,
      printerLanguage: () => labelPrinterConfig(this.deps.settings).language,
      syncStatus: () => sync.status(),
      changed: (orderId) => this.announce(orderId),
      kept: (shipment, tracking) => this.kept(shipment, tracking),
    });
    this.slips = new PackingSlips({
      settings: this.deps.settings,
      orders: this.orders,
      client: this.deps.marketplace,
      printing,
    });
    const unsubscribe = this.deps.bus.subscribe((event) => this.heard(event));
    this.deps.onClose(async () => {
      unsubscribe();
      await this.fetcher?.stop();
      await Promise.allSettled([...this.slipsMaking]);
    });
    this.topUpPrefetch();
    this.printWaiting();
    this.fetcher.kick();
  }

  /** Resolves once TikTok's labels due now were fetched and the packing slips being made are queued (tests wait on it). */
  async settled(): Promise<void> {
    await this.fetcher?.settled();
    await Promise.allSettled([...this.slipsMaking]);
  }

  private announce(orderId: string): void {
    const status = this.workflow.status(orderId);
    if (status) this.deps.bus.emit('pack.label', status);
  }

  private heard(event: StationEvent): void {
    const mine = (stationId: string) => stationId === this.deps.stationId;
    try {
      switch (event.name) {
        case 'pack.completed':
          if (mine(event.payload.stationId)) {
            this.printIfReady(event.payload.orderId, false);
            this.topUpPrefetch();
            this.fetcher?.kick();
          }
          return;
        case 'pack.printRequested':
          if (mine(event.payload.stationId)) this.printRequested(event.payload.orderId);
          return;
        case 'sync.changed':
          this.writesSettled(event.payload.rowIds);
          return;
        case 'sync.status':
          this.workflow.shipments.expediteShipWaits();
          this.fetcher?.kick();
          return;
        case 'order.changed':
          this.orderChanged(event.payload);
          return;
        case 'printing.job':
          if (event.payload.orderId && (event.payload.state === 'queued' || event.payload.state === 'sent'))
            this.printStarted(event.payload.orderId);
          if (event.payload.orderId && event.payload.state === 'voided') this.labelVoided(event.payload.orderId);
          if (event.payload.orderId && event.payload.state === 'done') this.labelDone(event.payload.jobId);
          return;
        // New orders arrived: the next ones of the queue may want their labels ahead.
        case 'pull.status':
          this.topUpPrefetch();
          return;
        case 'settings.changed':
          if (event.payload.key === 'fulfillment.prefetchLabels') this.topUpPrefetch();
          return;
        default:
          return;
      }
    } catch (error) {
      console.error(
        `fulfillment: ${event.name} could not be handled: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** A print job of the parcel's first label is queued or going out: the desk shows "printing". */
  private printStarted(orderId: string): void {
    const shipment = this.workflow.shipments.get(orderId);
    if (!shipment || !['ready', 'failed'].includes(shipment.labelState) || !this.printing?.jobs.liveLabel(orderId))
      return;
    this.workflow.shipments.update(orderId, { labelState: 'printing', reason: null, todo: null });
    this.announce(orderId);
  }

  /** A print job finished: when it was an order's first label, its packing slip follows (printing.packingSlip). */
  private labelDone(jobId: number): void {
    const job = this.printing?.jobs.get(jobId);
    if (!this.slips || job?.kind !== 'label' || !job.orderId) return;
    this.track(this.slips.afterLabel(job.orderId), `the packing slip of order ${job.orderId}`);
  }

  private track(work: Promise<unknown>, what: string): void {
    const tracked = work
      .catch((error: unknown) =>
        console.error(
          `fulfillment: ${what} could not be printed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => this.slipsMaking.delete(tracked));
    this.slipsMaking.add(tracked);
  }

  /** Its last printed label was voided (the order is back to packed): the parcel needs a label again. */
  private labelVoided(orderId: string): void {
    const shipment = this.workflow.shipments.get(orderId);
    if (shipment?.labelState !== 'printed' || this.orders.get(orderId)?.stationState !== 'packed') return;
    this.workflow.shipments.update(orderId, {
      labelState: 'ready',
      reason: { code: 'label_voided' },
      todo: null,
    });
    this.announce(orderId);
  }

  /** TikTok's labels arrived and are kept: each tracking number joins its package, and they print once packed. */
  private kept(shipment: Shipment, tracking: readonly KeptTracking[]): void {
    const packages = this.orders.get(shipment.orderId)?.packages ?? [];
    const store = new TrackingStore(this.deps.db);
    for (const { packageId, trackingNumber } of tracking) {
      const pkg = packages.find((candidate) => candidate.id === packageId);
      if (trackingNumber && pkg && !pkg.trackingNumber)
        store.store(shipment.orderId, pkg.id, trackingNumber, null, null);
    }
    if (shipment.packed) this.printIfReady(shipment.orderId, false);
  }

  /** Prints a packed parcel's label when it can print (printing.autoPrint, or the packer asked). */
  private printIfReady(orderId: string, requested: boolean): void {
    const shipment = this.workflow.shipments.get(orderId);
    if (!shipment?.packed || shipment.labelState !== 'ready' || !this.printing) return;
    if (!requested && this.deps.settings.get('printing.autoPrint') !== true) return;
    this.printing.print(orderId, this.deps.currentUser());
  }

  /** Orders packed whose label was ready when the station stopped: printed now. */
  private printWaiting(): void {
    for (const orderId of this.workflow.shipments.readyPacked()) this.printIfReady(orderId, false);
  }

  /** PRINT scanned (or the button): a reprint of a printed label, else the first label when it can print. */
  private printRequested(orderId: string): void {
    const order = this.orders.get(orderId);
    if (!order || !this.printing) return;
    if (order.stationState === 'labelled' || order.stationState === 'handed_over') {
      this.printing.reprint(orderId, 'PRINT scanned again at the pack station', this.deps.currentUser());
      return;
    }
    const shipment = this.workflow.shipments.get(orderId);
    if (shipment?.flow === 'tiktok' && shipment.labelState === 'failed' && !shipment.documentPath) {
      // TikTok's label could not be had: ask for it again.
      this.workflow.shipments.update(orderId, {
        labelState: 'ship_queued',
        reason: null,
        todo: null,
        attempts: 0,
        nextAttemptAt: null,
      });
      this.announce(orderId);
      this.fetcher?.kick();
      return;
    }
    if (shipment?.labelState === 'failed') this.workflow.shipments.update(orderId, { labelState: 'ready' });
    this.printIfReady(orderId, true);
  }

  /** Why "Print label" cannot print for this order now, or null: the pack screen refuses instead of pretending. */
  printRefusal(orderId: string): string | null {
    const order = this.orders.get(orderId);
    if (order && (order.stationState === 'labelled' || order.stationState === 'handed_over')) return null;
    const shipment = this.workflow.shipments.get(orderId);
    if (shipment?.flow === 'tiktok' && shipment.labelState === 'failed' && !shipment.documentPath) return null;
    // In a transaction: an order packed before shipments were kept gets its shipment (and ship write) made here.
    return this.deps.db.transaction(() => this.workflow.blocker(orderId))();
  }

  /** Outbox rows settled: TikTok's label can be fetched, a refused tracking number asked again, a collection seen. */
  private writesSettled(rowIds: readonly number[]): void {
    let fetch = false;
    for (const id of rowIds) {
      const row = this.outbox.get(id);
      if (!row) continue;
      if (row.write.kind === 'handover.confirm') {
        if (row.state === 'done') {
          this.workflow.shipments.markCollected(row.write.orderId, row.doneAt ?? this.deps.now());
          this.announce(row.write.orderId);
          this.deps.bus.emit('pickups.changed', { pickupId: null });
        }
        continue;
      }
      const shipment = this.workflow.shipments.byShipWrites([id])[0];
      if (!shipment) continue;
      if (shipment.flow === 'tiktok') {
        this.workflow.shipments.update(shipment.orderId, { nextAttemptAt: null });
        fetch = true;
      } else this.refused.sellerWriteSettled(shipment, row);
    }
    if (fetch) this.fetcher?.kick();
  }

  /**
   * The marketplace changed an order: cancelled, it stops the packer if open here (red, error sound), its ship
   * write and queued label are dropped and no label prints; an address change open here stops the packer too.
   */
  private orderChanged(payload: EventPayload<'order.changed'>): void {
    const { orderId } = payload;
    const cancelled = payload.status === 'CANCELLED' || payload.stationState === 'cancelled';
    if (cancelled) this.cancel(orderId);
    else if (payload.changes?.includes('address_changed') && isOpenAt(this.deps.db, this.deps.stationId, orderId)) {
      this.deps.bus.emit('pack.stopped', { orderId, stationId: this.deps.stationId, reason: 'address_changed' });
    }
    this.topUpPrefetch();
  }

  private cancel(orderId: string): void {
    const { stopped, queuedJobs } = this.deps.db.transaction(() => {
      const stopped = stopOpenOrder(this.deps.db, this.deps.stationId, orderId, this.deps.now());
      const shipment = this.workflow.shipments.get(orderId);
      if (shipment && shipment.labelState !== 'cancelled') {
        this.workflow.shipments.update(orderId, {
          labelState: 'cancelled',
          reason: { code: 'order_cancelled' },
          todo: { code: 'put_back' },
          nextAttemptAt: null,
        });
        for (const row of this.outbox.list({ states: ['pending', 'failed'], orderId, limit: 100 }))
          this.outbox.cancel(row.id);
      }
      const queuedJobs = (this.printing?.jobs.list({ orderId, limit: 20 }) ?? []).filter(
        (job) => job.state === 'queued',
      );
      if (stopped || shipment)
        this.deps.audit({
          action: 'fulfillment.cancelled',
          userId: null,
          orderId,
          details: { openAtDesk: stopped, printJobs: queuedJobs.map((job) => job.id) },
        });
      return { stopped, queuedJobs };
    })();
    for (const job of queuedJobs) this.printing?.cancel(job.id, null);
    if (stopped) {
      this.deps.bus.emit('pack.stopped', { orderId, stationId: this.deps.stationId, reason: 'cancelled' });
      this.deps.bus.emit('pack.changed', { orderId, stationState: 'cancelled' });
    }
    this.announce(orderId);
  }

  /** Arranges shipment for the next N TikTok-shipped orders of the queue, so their labels are here before packing. */
  private topUpPrefetch(): void {
    const wanted = this.deps.settings.number('fulfillment.prefetchLabels') - this.workflow.shipments.prefetchedCount();
    if (wanted <= 0) return;
    const arranged = this.deps.db.transaction(() => {
      const ids = this.workflow.shipments.nextToPrefetch(wanted);
      for (const id of ids) this.workflow.arrangeTikTok(this.orders.get(id)!, null, false);
      return ids;
    })();
    if (arranged.length > 0) this.fetcher?.kick();
  }

  // ----- What a person does about a write TikTok refused -----

  voidAndPull(row: OutboxRow, reason: string, user: SessionUser | null): void {
    this.refused.voidAndPull(row, reason, user);
  }

  fixTracking(
    row: OutboxRow,
    trackingNumber: string,
    shippingProviderId: string | undefined,
    user: SessionUser | null,
  ): void {
    this.refused.fixTracking(row, trackingNumber, shippingProviderId, user);
  }

  // ----- The desk's calls -----

  /** The packing slip of a packed order again, because the packer asked (a label reprint never brings it back). */
  printSlip(orderId: string, user: SessionUser | null) {
    if (!this.slips) throw new Unavailable('Printing has not started yet.');
    return this.slips.print(orderId, user);
  }

  label(orderId: string): LabelStatus | null {
    return this.workflow.status(orderId);
  }

  setTracking(orderId: string, trackingNumber: string, user: SessionUser | null): LabelStatus {
    return this.workflow.setTracking(orderId, trackingNumber, user);
  }

  setCarrier(orderId: string, provider: ShippingProvider, user: SessionUser | null): LabelStatus {
    return this.workflow.setCarrier(orderId, provider, user);
  }

  async carriers(orderId: string): Promise<ShippingProvider[]> {
    const order = this.orders.get(orderId);
    if (!order) throw new NotFound(`There is no order ${orderId}.`);
    if (!order.deliveryOptionId) throw new Conflict(`Order ${orderId} has no delivery option to list carriers for.`);
    try {
      return (await this.deps.marketplace.getShippingProviders(order.shopId, order.deliveryOptionId)).map(
        (provider) => ({ id: provider.id, name: provider.name }),
      );
    } catch (error) {
      throw new Unavailable(
        `TikTok Shop's carrier list cannot be had now (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
}
