import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import type { SessionUser } from '../../../shared/contract';
import type { PrintBatch, PrinterCandidate, PrintingStatus, PrintJob } from '../../../shared/contract/printing';
import { buildTestLabel } from '../../../shared/domain/label/test-label';
import { Conflict, InvalidRequest, NotFound } from '../errors/domain-errors';
import { OrderStore } from '../orders';
import { connectionFor } from './connections';
import { describeTarget, parsePrinterUri, type PrinterAddress } from './connections/printer-uri';
import { driverFor } from './drivers';
import type { PrinterLanguage, PrinterProblem } from './drivers/driver';
import { JobStore } from './job-store';
import { LabelPool } from './label-pool';
import { LabelSource } from './label-source';
import { LABEL_STATES, markLabelled, printableOrders, unmarkLabelled } from './printable-orders';
import { PrintQueue } from './print-queue';
import type { PrintingDeps } from './printing-deps';
import { documentPrinter, labelPrinterConfig } from './printing-config';
import { TrackingStore } from './tracking-store';
import { VirtualPrinter } from './virtual-printer/virtual-printer';
import { VirtualPrintStore } from './virtual-printer/virtual-store';

const STATUS_TIMEOUT_MS = 600;

/** Lists the USB printer device files and the OS print queues this computer has, quietly empty where there are none. */
async function localPrinters(): Promise<Array<z.infer<typeof PrinterCandidate>>> {
  let devices: string[] = [];
  try {
    devices = readdirSync('/dev/usb').filter((name) => /^lp\d+$/.test(name));
  } catch {
    // No USB printer class devices on this computer.
  }
  const queues = await new Promise<string[]>((resolve) => {
    execFile('lpstat', ['-e'], { timeout: 2000 }, (error, stdout) =>
      resolve(
        error
          ? []
          : stdout
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
      ),
    );
  });
  return [
    ...devices.map((name) => ({
      uri: `usb:///dev/usb/${name}`,
      describe: describeTarget({ kind: 'device', path: `/dev/usb/${name}` }),
      kind: 'device' as const,
    })),
    ...queues.map((queue) => ({
      uri: `lp://${queue}`,
      describe: describeTarget({ kind: 'queue', queue }),
      kind: 'queue' as const,
    })),
  ];
}

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
    );
    this.queue = new PrintQueue({
      jobs: this.jobs,
      now: deps.now,
      prepare: (job) => this.labels.prepare(job),
      ahead: this.labelPool.width,
      probe: (job) => this.probe(job),
      send: (job, bytes) => this.send(job, bytes),
      onPrinted: (job) => this.printed(job),
      transaction: (fn) => deps.db.transaction(fn)(),
      changed: (job) => this.changed(job),
    });
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

  private address(job: PrintJob): PrinterAddress {
    return parsePrinterUri(job.printerUri);
  }

  private async probe(job: PrintJob): Promise<PrinterProblem | null> {
    const driver = driverFor(job.language);
    if (!driver.statusQuery || !driver.parseStatus) return null;
    const connection = connectionFor(this.address(job).target, this.virtualPrinter.port);
    if (!connection.query) return null;
    const parse = driver.parseStatus;
    const reply = await connection.query(driver.statusQuery, (bytes) => parse(bytes) !== undefined, STATUS_TIMEOUT_MS);
    return reply ? (parse(reply) ?? null) : null;
  }

  private async send(job: PrintJob, bytes: Buffer): Promise<void> {
    const connection = connectionFor(this.address(job).target, this.virtualPrinter.port);
    await connection.send(bytes, { document: job.language === 'pdf' });
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
    const virtual = {
      uri: 'virtual',
      describe: `the virtual printer (port ${this.virtualPrinter.port ?? '-'})`,
      kind: 'virtual' as const,
    };
    const configured = this.deps.settings.string('printing.labelPrinter');
    const list = [virtual, ...(await localPrinters())];
    if (!list.some((candidate) => candidate.uri === configured)) {
      try {
        const address = parsePrinterUri(configured);
        list.push({ uri: configured, describe: describeTarget(address.target), kind: address.target.kind });
      } catch {
        // A configured URI that does not parse is reported by printing.status.
      }
    }
    return list;
  }

  private eligible(orderId: string): { state: string; problem: string | null } {
    const order = this.orders.get(orderId);
    if (!order) return { state: 'missing', problem: `Order ${orderId} is not on this station.` };
    if (order.stationState === 'labelled' || order.stationState === 'handed_over')
      return {
        state: order.stationState,
        problem: `Order ${orderId} already has its label: use Reprint for another copy.`,
      };
    if (!LABEL_STATES.includes(order.stationState))
      return {
        state: order.stationState,
        problem: `Order ${orderId} is not verified (${order.stationState}): scan all its items first, or a supervisor overrides.`,
      };
    return { state: order.stationState, problem: this.deps.facts.blocker(orderId) };
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

  /** Up to 500 orders: every one gets a job row at once, so the batch's list of failures is complete from the start. */
  startBatch(orderIds: readonly string[], user: SessionUser | null): PrintBatch {
    const config = this.labelConfig();
    const unique = [...new Set(orderIds)];
    const batchId = this.deps.db.transaction(() => {
      const id = this.jobs.createBatch(unique.length, user?.id ?? null, this.deps.now());
      for (const orderId of unique) {
        const live = this.jobs.liveLabel(orderId);
        const { problem } = live
          ? { problem: `Order ${orderId} already has a label (job ${live.id}).` }
          : this.eligible(orderId);
        this.jobs.create({
          orderId: problem && !this.orders.get(orderId) ? null : orderId,
          batchId: id,
          kind: 'label',
          printerUri: config.address.uri,
          language: config.language,
          state: problem ? 'failed' : 'queued',
          error: problem,
          userId: user?.id ?? null,
          stationId: this.deps.stationId,
          now: this.deps.now(),
        });
      }
      this.deps.audit({
        action: 'printing.batch',
        userId: user?.id ?? null,
        details: { batchId: id, orders: unique.length },
      });
      return id;
    })();
    this.jobs.finishBatchIfComplete(batchId);
    this.deps.bus.emit('printing.batch', { batchId });
    this.queue.kick();
    return this.batch(batchId);
  }

  batch(id: number): PrintBatch {
    const batch = this.jobs.batch(id);
    if (!batch) throw new NotFound(`There is no print batch ${id}.`);
    return batch;
  }

  setBatch(id: number, action: 'pause' | 'resume' | 'cancel', user: SessionUser | null): PrintBatch {
    const batch = this.batch(id);
    if (batch.state === 'done' || batch.state === 'cancelled') throw new Conflict(`Batch ${id} is ${batch.state}.`);
    this.deps.db.transaction(() => {
      if (action === 'cancel') {
        this.jobs.cancelQueued(id, this.deps.now());
        this.jobs.setBatchState(id, 'cancelled');
      } else {
        this.jobs.setBatchState(id, action === 'pause' ? 'paused' : 'running');
      }
      this.deps.audit({ action: `printing.batch.${action}`, userId: user?.id ?? null, details: { batchId: id } });
    })();
    if (action === 'resume') this.queue.kick();
    this.deps.bus.emit('printing.batch', { batchId: id });
    return this.batch(id);
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
