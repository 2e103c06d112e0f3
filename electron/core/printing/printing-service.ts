import type { z } from 'zod';
import type { SessionUser } from '../../../shared/contract';
import type { PrintBatch, PrinterCandidate, PrintingStatus, PrintJob } from '../../../shared/contract/printing';
import { buildTestLabel } from '../../../shared/domain/label/test-label';
import { Conflict, InvalidRequest, NotFound } from '../errors/domain-errors';
import { OrderStore } from '../orders';
import { describeTarget } from './connections/printer-uri';
import { driverFor } from './drivers';
import type { PrinterLanguage } from './drivers/driver';
import { JobStore } from './job-store';
import { LabelPool } from './label-pool';
import { LabelSource } from './label-source';
import { markLabelled, printableOrders, unmarkLabelled } from './printable-orders';
import { PrintQueue } from './print-queue';
import type { PrintingDeps } from './printing-deps';
import { documentPrinter, labelPrinterConfig } from './printing-config';
import { TrackingStore } from './tracking-store';
import { VirtualPrinter } from './virtual-printer/virtual-printer';
import { VirtualPrintStore } from './virtual-printer/virtual-store';
import { labelEligibility } from './label-eligibility';
import { PrintBatches } from './print-batches';
import { printerCandidates } from './printer-discovery';
import { probePrinter, sendToPrinter } from './printer-transport';

/**
 * The printing subsystem of one station: print jobs in SQLite sent by one queue, the label source (station label or
 * TikTok's), tracking numbers, and the built-in virtual printer. Labels print only for verified (packed) orders.
 */
export class PrintingService {
  readonly jobs: JobStore;
  readonly tracking: TrackingStore;
  readonly labels: LabelSource;
  readonly queue: PrintQueue;
  readonly virtualPrinter: VirtualPrinter;
  readonly virtualPrints: VirtualPrintStore;
  private readonly orders: OrderStore;
  private readonly batches: PrintBatches;
  /** Label drawing on worker threads, started when labels come faster than one at a time. */
  readonly labelPool = new LabelPool();

  constructor(private readonly deps: PrintingDeps) {
    this.jobs = new JobStore(deps.db);
    this.tracking = new TrackingStore(deps.db);
    this.orders = new OrderStore(deps.db);
    this.labels = new LabelSource(deps, this.orders, this.tracking, deps.facts, this.labelPool);
    this.virtualPrints = new VirtualPrintStore(deps.db);
    this.virtualPrinter = new VirtualPrinter(
      (bytes) => this.received(bytes),
      deps.settings.number('printing.virtualPrinterPort'),
      deps.settings.number('printing.virtualPrinterMsPerJob'),
      deps.settings.number('printing.virtualPrinterRoll'),
    );
    this.queue = new PrintQueue({
      jobs: this.jobs,
      now: deps.now,
      prepare: (job) => this.labels.prepare(job),
      ahead: this.labelPool.width,
      probe: (job) => probePrinter(job, this.virtualPrinter.port),
      send: (job, bytes) => sendToPrinter(job, bytes, this.virtualPrinter.port),
      onPrinted: (job) => this.printed(job),
      transaction: (fn) => deps.db.transaction(fn)(),
      changed: (job) => this.changed(job),
    });
    this.batches = new PrintBatches(
      deps,
      this.jobs,
      this.queue,
      this.orders,
      (orderId) => this.eligible(orderId).problem,
    );
  }

  async start(): Promise<void> {
    await this.virtualPrinter.start();
    this.queue.start();
    this.deps.onClose(async () => {
      await this.queue.stop();
      await this.labelPool.close();
      await this.virtualPrinter.stop();
    });
  }

  private received(bytes: Buffer): void {
    const id = this.virtualPrints.add(bytes, this.deps.now());
    this.deps.bus.emit('printing.virtual', { printId: id });
  }

  private changed(job: PrintJob): void {
    if (job.batchId && this.jobs.finishBatchIfComplete(job.batchId))
      this.deps.bus.emit('printing.batch', { batchId: job.batchId });
    this.deps.bus.emit('printing.job', {
      jobId: job.id,
      orderId: job.orderId,
      batchId: job.batchId,
      state: job.state,
      waitingReason: job.waitingReason,
    });
    if (job.state === 'failed' && job.kind === 'label' && job.orderId) this.deps.facts.labelFailed(job);
  }

  /** In the transaction that marks the job done: the order is labelled, and the parcel's workflow hears of it. */
  private printed(job: PrintJob): void {
    if (!job.orderId || (job.kind !== 'label' && job.kind !== 'reprint')) return;
    const labelled = markLabelled(this.deps.db, job.orderId, this.deps.now());
    const order = this.orders.get(job.orderId);
    if (job.kind === 'label')
      this.deps.audit({
        action: 'printing.labelled',
        userId: null,
        orderId: job.orderId,
        details: { jobId: job.id, trackingNumber: job.trackingNumber },
      });
    this.deps.facts.labelPrinted(job);
    if (labelled && order)
      queueMicrotask(() =>
        this.deps.bus.emit('order.changed', { orderId: order.id, status: order.status, stationState: 'labelled' }),
      );
  }

  status(): PrintingStatus {
    const config = this.labelConfig();
    const entry = this.deps.settings.list().find((setting) => setting.key === 'printing.labelPrinter')!;
    return {
      labelPrinter: {
        uri: config.address.uri,
        describe: describeTarget(config.address.target),
        language: config.language,
        dpi: config.dpi,
        size: config.size,
        source: entry.source,
      },
      documentPrinter: this.deps.settings.string('printing.documentPrinter'),
      autoPrint: this.deps.settings.get('printing.autoPrint') === true,
      virtualPrinter: this.virtualStatus(),
      queue: this.jobs.counts(),
    };
  }

  virtualStatus(): PrintingStatus['virtualPrinter'] {
    return {
      running: this.virtualPrinter.running,
      port: this.virtualPrinter.port,
      paperOut: this.virtualPrinter.paperOut,
    };
  }

  private labelConfig() {
    return labelPrinterConfig(this.deps.settings);
  }

  async candidates(): Promise<Array<z.infer<typeof PrinterCandidate>>> {
    return printerCandidates(this.deps.settings, this.virtualPrinter.port);
  }

  private eligible(orderId: string): { state: string; problem: string | null } {
    return labelEligibility(this.orders, this.deps.facts, orderId);
  }

  /** Queues the first label of a verified order; the same order twice returns its live job instead of printing again. */
  print(orderId: string, user: SessionUser | null, weightGrams?: number, batchId?: number): PrintJob {
    const config = this.labelConfig();
    const job = this.deps.db.transaction(() => {
      const live = this.jobs.liveLabel(orderId);
      if (live) return { job: live, created: false };
      const { problem } = this.eligible(orderId);
      if (problem) throw new Conflict(problem);
      const created = this.jobs.create({
        orderId,
        batchId: batchId ?? null,
        kind: 'label',
        printerUri: config.address.uri,
        language: config.language,
        weightGrams: weightGrams ?? null,
        userId: user?.id ?? null,
        stationId: this.deps.stationId,
        now: this.deps.now(),
      });
      this.deps.audit({
        action: 'printing.print',
        userId: user?.id ?? null,
        orderId,
        details: { jobId: created.id, printer: config.address.uri },
      });
      return { job: created, created: true };
    })();
    if (job.created) {
      this.changed(job.job);
      this.queue.kick();
    }
    return job.job;
  }

  /**
   * A document that follows an order's label on the label printer (its packing slip), its bytes made by the caller:
   * stored as a job, and audited in the same transaction, before a byte leaves.
   */
  queueDocument(
    orderId: string,
    payload: Buffer,
    language: PrinterLanguage,
    user: SessionUser | null,
    audit: { action: string; details: Record<string, unknown> },
  ): PrintJob {
    const config = this.labelConfig();
    const job = this.deps.db.transaction(() => {
      const created = this.jobs.create({
        orderId,
        kind: 'document',
        printerUri: config.address.uri,
        language,
        payload,
        userId: user?.id ?? null,
        stationId: this.deps.stationId,
        now: this.deps.now(),
      });
      this.deps.audit({
        ...audit,
        userId: user?.id ?? null,
        orderId,
        details: { jobId: created.id, ...audit.details },
      });
      return created;
    })();
    this.changed(job);
    this.queue.kick();
    return job;
  }

  /** Another copy of a printed label, marked REPRINT and audited with the reason; it never takes a new tracking number. */
  reprint(orderId: string, reason: string, user: SessionUser | null): PrintJob {
    const config = this.labelConfig();
    const job = this.deps.db.transaction(() => {
      const order = this.orders.get(orderId);
      if (!order) throw new NotFound(`Order ${orderId} is not on this station.`);
      if (order.stationState !== 'labelled' && order.stationState !== 'handed_over')
        throw new Conflict(`Order ${orderId} has no printed label to reprint (${order.stationState}).`);
      const created = this.jobs.create({
        orderId,
        kind: 'reprint',
        printerUri: config.address.uri,
        language: config.language,
        userId: user?.id ?? null,
        stationId: this.deps.stationId,
        now: this.deps.now(),
      });
      this.deps.audit({
        action: 'printing.reprint',
        userId: user?.id ?? null,
        orderId,
        details: { jobId: created.id, reason },
      });
      return created;
    })();
    this.changed(job);
    this.queue.kick();
    return job;
  }

  /** Declares a printed label void (torn, wrong parcel): the order waits for a label again when none is left. */
  void(jobId: number, reason: string, user: SessionUser | null): PrintJob {
    const job = this.deps.db.transaction(() => this.recordVoid(jobId, reason, user))();
    this.announceVoid(job);
    return job;
  }

  /** The void itself, for a caller's transaction (the parcel workflow voids every label of an order it pulls). */
  recordVoid(jobId: number, reason: string, user: SessionUser | null): PrintJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFound(`There is no print job ${jobId}.`);
    if (job.state !== 'done' || (job.kind !== 'label' && job.kind !== 'reprint'))
      throw new Conflict(`Only a printed label can be voided; job ${jobId} is ${job.state}.`);
    this.jobs.setState(jobId, 'voided', `Voided: ${reason}`, this.deps.now());
    if (job.orderId) unmarkLabelled(this.deps.db, job.orderId);
    this.deps.audit({
      action: 'printing.void',
      userId: user?.id ?? null,
      orderId: job.orderId,
      details: { jobId, reason, trackingNumber: job.trackingNumber },
    });
    return this.jobs.get(jobId)!;
  }

  /** After the commit that recorded a void: screens hear of the job and its order. */
  announceVoid(job: PrintJob): void {
    this.changed(job);
    const order = job.orderId ? this.orders.get(job.orderId) : null;
    if (order)
      this.deps.bus.emit('order.changed', {
        orderId: order.id,
        status: order.status,
        stationState: order.stationState,
      });
  }

  cancel(jobId: number, user: SessionUser | null): PrintJob {
    const job = this.deps.db.transaction(() => {
      const job = this.jobs.get(jobId);
      if (!job) throw new NotFound(`There is no print job ${jobId}.`);
      if (job.state !== 'queued')
        throw new Conflict(`Job ${jobId} is ${job.state}: only a job still waiting can be cancelled.`);
      this.jobs.setState(jobId, 'cancelled', null, this.deps.now());
      this.deps.audit({
        action: 'printing.cancel',
        userId: user?.id ?? null,
        orderId: job.orderId,
        details: { jobId },
      });
      return this.jobs.get(jobId)!;
    })();
    this.changed(job);
    return job;
  }

  async test(printer: 'label' | 'document', user: SessionUser | null): Promise<PrintJob> {
    const label = this.labelConfig();
    const address = printer === 'label' ? label.address : documentPrinter(this.deps.settings);
    if (!address) throw new InvalidRequest('No document printer is set: choose one in Settings, Printing.');
    const language = printer === 'label' ? label.language : 'pdf';
    const page = buildTestLabel(label.size, label.dpi, [
      `Printer: ${address.uri}`,
      `Language: ${language.toUpperCase()} · ${label.dpi} dpi · ${label.size}`,
      `Station: ${this.deps.stationId}`,
      new Date(this.deps.now()).toISOString(),
    ]);
    const payload = await driverFor(language, label.escpos).encodePages([page]);
    const job = this.jobs.create({
      orderId: null,
      kind: printer === 'label' ? 'test' : 'document',
      printerUri: address.uri,
      language,
      payload,
      userId: user?.id ?? null,
      stationId: this.deps.stationId,
      now: this.deps.now(),
    });
    this.changed(job);
    this.queue.kick();
    return job;
  }

  preview(orderId: string) {
    return this.labels.preview(orderId);
  }

  printable(limit: number) {
    return printableOrders(this.deps.db, limit);
  }

  startBatch(orderIds: readonly string[], user: SessionUser | null): PrintBatch {
    return this.batches.start(orderIds, user);
  }

  batch(id: number): PrintBatch {
    return this.batches.get(id);
  }

  setBatch(id: number, action: 'pause' | 'resume' | 'cancel', user: SessionUser | null): PrintBatch {
    return this.batches.set(id, action, user);
  }

  async setVirtualPower(on: boolean): Promise<PrintingStatus['virtualPrinter']> {
    if (on) {
      await this.virtualPrinter.start();
      this.retryWaiting();
    } else {
      await this.virtualPrinter.stop();
    }
    this.deps.bus.emit('printing.virtual', { printId: null });
    return this.virtualStatus();
  }

  setVirtualPaper(paperOut: boolean): PrintingStatus['virtualPrinter'] {
    this.virtualPrinter.paperOut = paperOut;
    if (!paperOut) this.retryWaiting();
    this.deps.bus.emit('printing.virtual', { printId: null });
    return this.virtualStatus();
  }

  /** A printer came back: waiting jobs try now instead of at their next retry time. */
  private retryWaiting(): void {
    this.jobs.expediteWaiting(this.deps.now());
    this.queue.kick();
  }
}

/** Builds the printing subsystem, starts the virtual printer and the queue, and stops both when the station closes. */
export async function startPrinting(deps: PrintingDeps): Promise<PrintingService> {
  const printing = new PrintingService(deps);
  await printing.start();
  return printing;
}
