import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LabelPage } from '../../../shared/domain/label/model';
import { driverFor } from './drivers';
import type { PrinterLanguage } from './drivers/driver';
import type { EscPosFlavour } from './drivers/escpos';
import { EncodeReply, WorkerReady, type EncodeRequest } from './label-pool-protocol';

/** Turns label pages into printer bytes; the pool and the main thread give the same bytes. */
export interface LabelEncoder {
  encodePages(language: PrinterLanguage, escpos: EscPosFlavour, pages: readonly LabelPage[]): Promise<Buffer>;
  /** How many labels can be drawn at once: how far ahead a queue should prepare. */
  readonly width: number;
  close(): Promise<void>;
}

/** Draws on the calling thread: where no worker can start, and the reference the pool is tested against. */
export const mainThreadEncoder: LabelEncoder = {
  encodePages: async (language, escpos, pages) => driverFor(language, escpos).encodePages(pages),
  width: 1,
  close: async () => {},
};

/** How to start a worker: a script file, or (for TypeScript source) a few lines of code that load it. */
export interface WorkerEntry {
  script: string;
  eval: boolean;
}

/**
 * The worker's file beside the running code: the bundle's label-worker.cjs (scripts/build.mjs builds it next to
 * serve.cjs and main.cjs), else the TypeScript source loaded through tsx's require hook (tests, benches, sandbox):
 * `--import tsx` in a worker's execArgv does not reach the worker's own entry file on Node 20.
 */
function labelWorkerEntry(): WorkerEntry {
  const built = join(__dirname, 'label-worker.cjs');
  if (existsSync(built)) return { script: built, eval: false };
  return {
    script: `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'label-worker.ts'))});`,
    eval: true,
  };
}

interface Task {
  request: EncodeRequest;
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  loaded: boolean;
  busy: Task | null;
}

/**
 * Label drawing on worker threads, one per core: the rasterising and encoding that kept one core busy while the
 * other idled. The workers start when labels are first asked for faster than one at a time (a batch, a burst of
 * packed orders) and stay; until one has loaded, labels are drawn on the main thread, so the first label of a batch
 * never waits for a worker to start. Tasks go to the first free worker; callers await them in their own order.
 * If a worker cannot start or dies, the pool draws on the main thread from then on (said once in the log): a label
 * never fails because of the pool.
 */
export class LabelPool implements LabelEncoder {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private readonly loaded: Array<() => void> = [];
  private nextId = 1;
  private inFlight = 0;
  private broken = false;
  private closed = false;

  constructor(
    readonly width = Math.max(1, availableParallelism()),
    private readonly log: (message: string) => void = (message) => console.warn(message),
    private readonly entry: WorkerEntry = labelWorkerEntry(),
  ) {}

  /** Starts the workers (once); resolves when one of them can take labels, or the pool fell back to the main thread. */
  start(): Promise<void> {
    if (this.slots.length === 0 && !this.broken && !this.closed) {
      try {
        for (let i = 0; i < this.width; i += 1) this.slots.push(this.spawn());
      } catch (error) {
        this.breakDown(error);
      }
    }
    if (this.broken || this.closed || this.slots.some((slot) => slot.loaded)) return Promise.resolve();
    return new Promise<void>((resolve) => this.loaded.push(resolve));
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry.script, { eval: this.entry.eval });
    // Idle workers do not keep the process alive; a worker with a label in hand is ref'd until it answers.
    worker.unref();
    const slot: Slot = { worker, loaded: false, busy: null };
    worker.on('message', (message: unknown) =>
      WorkerReady.safeParse(message).success ? this.ready(slot) : this.answered(slot, message),
    );
    worker.on('error', (error) => this.breakDown(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.breakDown(new Error(`a label worker stopped (exit code ${code})`));
    });
    return slot;
  }

  async encodePages(language: PrinterLanguage, escpos: EscPosFlavour, pages: readonly LabelPage[]): Promise<Buffer> {
    this.inFlight += 1;
    try {
      if (this.inFlight > 1) void this.start();
      if (this.broken || this.closed || !this.slots.some((slot) => slot.loaded))
        return await mainThreadEncoder.encodePages(language, escpos, pages);
      return await new Promise<Buffer>((resolve, reject) => {
        this.waiting.push({ request: { id: this.nextId++, language, escpos, pages: [...pages] }, resolve, reject });
        this.dispatch();
      });
    } finally {
      this.inFlight -= 1;
    }
  }

  private ready(slot: Slot): void {
    slot.loaded = true;
    for (const resolve of this.loaded.splice(0)) resolve();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || !slot.loaded) continue;
      const task = this.waiting.shift();
      if (!task) return;
      slot.busy = task;
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  private answered(slot: Slot, message: unknown): void {
    const task = slot.busy;
    const reply = EncodeReply.safeParse(message);
    if (!task || !reply.success || reply.data.id !== task.request.id)
      return this.breakDown(new Error('a label worker answered out of turn'));
    slot.busy = null;
    slot.worker.unref();
    if ('error' in reply.data) task.reject(new Error(reply.data.error));
    else task.resolve(Buffer.from(reply.data.bytes.buffer, reply.data.bytes.byteOffset, reply.data.bytes.byteLength));
    this.dispatch();
  }

  /** Labels still in hand, drawn on the main thread in the order they were asked for. */
  private drawHere(tasks: Task[]): void {
    tasks.sort((a, b) => a.request.id - b.request.id);
    for (const task of tasks)
      mainThreadEncoder
        .encodePages(task.request.language, task.request.escpos, task.request.pages)
        .then(task.resolve, task.reject);
  }

  /** From now on labels are drawn on the main thread, the ones in hand included. */
  private breakDown(error: unknown): void {
    if (this.broken || this.closed) return;
    this.broken = true;
    this.log(
      `Label workers unavailable, labels are drawn on the main thread: ${error instanceof Error ? error.message : String(error)}`,
    );
    const orphans = [...this.slots.flatMap((slot) => (slot.busy ? [slot.busy] : [])), ...this.waiting.splice(0)];
    for (const slot of this.slots) {
      slot.busy = null;
      void slot.worker.terminate();
    }
    for (const resolve of this.loaded.splice(0)) resolve();
    this.drawHere(orphans);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const orphans = [...this.slots.flatMap((slot) => (slot.busy ? [slot.busy] : [])), ...this.waiting.splice(0)];
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    for (const resolve of this.loaded.splice(0)) resolve();
    this.drawHere(orphans);
  }
}
