import type { PrintJob } from '../../../shared/contract/printing';
import type { PrinterProblem } from './drivers/driver';
import { PrintFailure } from './connections/connection';
import type { DueJob, JobStore } from './job-store';
import { LabelProblem, type PreparedJob } from './label-source';

export interface PrintQueueDeps {
  jobs: JobStore;
  now: () => number;
  /**
   * Makes the job's bytes (and assigns its tracking number); throws LabelProblem when it cannot. Its synchronous
   * part (database, tracking number) runs at the call, so jobs prepared ahead take their numbers in queue order.
   */
  prepare(job: DueJob): Promise<PreparedJob>;
  /** How many jobs to prepare at once (the label drawers' width): the next labels are drawn while one is sent. */
  ahead: number;
  /** Asks the job's printer how it is, where the connection can; null when ready or when it cannot tell. */
  probe(job: PrintJob): Promise<PrinterProblem | null>;
  send(job: PrintJob, bytes: Buffer): Promise<void>;
  /** Runs inside the transaction that marks the job done: the order's state, the marketplace write, audit. */
  onPrinted(job: PrintJob): void;
  transaction<T>(fn: () => T): T;
  changed(job: PrintJob): void;
}

/** Waits between tries while a printer is offline or out of labels: quick at first, then every 10 s. */
function retryDelayMs(attempt: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Sends print jobs one at a time, oldest first. A job's row is updated before each step, so after a crash the
 * queue knows what was sent: jobs whose bytes never reached a printer wait and retry on their own; a job cut off
 * mid-send is never resent by itself (it could print twice) but reported failed for a person to decide.
 */
export class PrintQueue {
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private idle: Promise<void> = Promise.resolve();
  /** Bytes being made for the jobs after the one being sent, by job id. */
  private readonly prepared = new Map<number, Promise<PreparedJob>>();

  constructor(private readonly deps: PrintQueueDeps) {}

  start(): void {
    for (const job of this.deps.jobs.failInterrupted(this.deps.now())) this.deps.changed({ ...job, state: 'failed' });
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  /** Looks for work now (a job was added, a printer came back). */
  kick(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = true;
    this.idle = this.drain().finally(() => {
      this.running = false;
      this.schedule();
    });
  }

  /** Resolves when nothing is due any more (tests and benches wait on it). */
  settled(): Promise<void> {
    return this.idle;
  }

  private schedule(): void {
    if (this.stopped) return;
    const wake = this.deps.jobs.nextWake();
    if (wake === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, wake - this.deps.now()));
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    try {
      for (
        let job = this.deps.jobs.nextDue(this.deps.now());
        job && !this.stopped;
        job = this.deps.jobs.nextDue(this.deps.now())
      ) {
        this.prepareAhead();
        await this.process(job);
      }
    } finally {
      // Bytes of jobs that stopped being due (cancelled, paused) are made again when they are; their tracking
      // numbers are already the orders', so they are not taken twice.
      this.prepared.clear();
    }
  }

  /** Starts making the bytes of the next due jobs, oldest first, so the drawers work while the printer is fed. */
  private prepareAhead(): void {
    for (const job of this.deps.jobs.due(this.deps.now(), this.deps.ahead + 1)) {
      if (job.payload || this.prepared.has(job.id)) continue;
      const making = this.deps.prepare(job);
      // Failures are reported when the job's turn comes; until then nobody awaits this promise.
      making.catch(() => {});
      this.prepared.set(job.id, making);
    }
  }

  private wait(job: PrintJob, reason: string): void {
    const attempt = job.attempts + 1;
    this.deps.jobs.markWaiting(job.id, reason, this.deps.now() + retryDelayMs(attempt), true);
    this.deps.changed(this.deps.jobs.get(job.id)!);
  }

  private fail(job: PrintJob, error: string): void {
    this.deps.jobs.markFailed(job.id, error, this.deps.now());
    this.deps.changed(this.deps.jobs.get(job.id)!);
  }

  private async process(job: DueJob): Promise<void> {
    const { jobs } = this.deps;
    let payload = job.payload;
    if (!payload) {
      try {
        const making = this.prepared.get(job.id) ?? this.deps.prepare(job);
        this.prepared.delete(job.id);
        const prepared = await making;
        payload = prepared.payload;
        // The bytes are in the row before any of them goes to the printer.
        jobs.setPayload(job.id, payload, prepared.trackingNumber);
      } catch (error) {
        return this.fail(
          job,
          error instanceof LabelProblem
            ? error.message
            : `The label could not be made: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    let problem: PrinterProblem | null;
    try {
      problem = await this.deps.probe(job);
    } catch (error) {
      problem = error instanceof PrintFailure ? error.problem : null;
    }
    if (problem) return this.wait(job, problem.message);
    jobs.markSent(job.id, this.deps.now());
    this.deps.changed(jobs.get(job.id)!);
    try {
      await this.deps.send(jobs.get(job.id)!, payload);
    } catch (error) {
      if (error instanceof PrintFailure && !error.delivered) {
        this.deps.jobs.markWaiting(job.id, error.message, this.deps.now() + retryDelayMs(job.attempts + 1), false);
        return this.deps.changed(jobs.get(job.id)!);
      }
      return this.fail(job, error instanceof Error ? error.message : String(error));
    }
    this.deps.transaction(() => {
      jobs.markDone(job.id, this.deps.now());
      this.deps.onPrinted(jobs.get(job.id)!);
    });
    this.deps.changed(jobs.get(job.id)!);
  }
}
