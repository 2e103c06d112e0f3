import type { PrinterProblem } from '../drivers/driver';

/**
 * A failed send. `delivered` says whether any byte may have reached the printer: when none did the job simply
 * waits and tries again; when some did, trying again could print the label twice, so the job stops for a person.
 */
export class PrintFailure extends Error {
  constructor(
    readonly problem: PrinterProblem,
    readonly delivered: boolean,
  ) {
    super(problem.message);
    this.name = 'PrintFailure';
  }
}

/** One way to reach a printer: network, USB device file or OS queue, all sent the same bytes. */
export interface PrinterConnection {
  send(bytes: Buffer, options?: { document?: boolean }): Promise<void>;
  /** Two-way connections ask the printer how it is; null when it did not answer in time. */
  query?(bytes: Buffer, complete: (reply: Buffer) => boolean, timeoutMs: number): Promise<Buffer | null>;
}
