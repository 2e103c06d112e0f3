import type { SessionUser } from '../../../shared/contract';
import type { PrintBatch } from '../../../shared/contract/printing';
import { Conflict, NotFound } from '../errors/domain-errors';
import type { OrderStore } from '../orders';
import type { JobStore } from './job-store';
import type { PrintQueue } from './print-queue';
import type { PrintingDeps } from './printing-deps';
import { labelPrinterConfig } from './printing-config';

/** Batches of label jobs the operator starts, pauses, resumes and cancels as one. */
export class PrintBatches {
  constructor(
    private readonly deps: PrintingDeps,
    private readonly jobs: JobStore,
    private readonly queue: PrintQueue,
    private readonly orders: OrderStore,
    /** Why an order may not get a label now, or null. */
    private readonly problem: (orderId: string) => string | null,
  ) {}

  /** Up to 500 orders: every one gets a job row at once, so the batch's list of failures is complete from the start. */
  start(orderIds: readonly string[], user: SessionUser | null): PrintBatch {
    const config = labelPrinterConfig(this.deps.settings);
    const unique = [...new Set(orderIds)];
    const batchId = this.deps.db.transaction(() => {
      const id = this.jobs.createBatch(unique.length, user?.id ?? null, this.deps.now());
      for (const orderId of unique) {
        const live = this.jobs.liveLabel(orderId);
        const problem = live ? `Order ${orderId} already has a label (job ${live.id}).` : this.problem(orderId);
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
    return this.get(batchId);
  }

  get(id: number): PrintBatch {
    const batch = this.jobs.batch(id);
    if (!batch) throw new NotFound(`There is no print batch ${id}.`);
    return batch;
  }

  set(id: number, action: 'pause' | 'resume' | 'cancel', user: SessionUser | null): PrintBatch {
    const batch = this.get(id);
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
    return this.get(id);
  }
}
