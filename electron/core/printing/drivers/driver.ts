import type { PrinterWait } from '../../../../shared/contract/label-reason';
import type { LabelPage } from '../../../../shared/domain/label/model';
import type { Raster } from '../raster';

export const PRINTER_LANGUAGES = ['zpl', 'tspl', 'escpos', 'pdf'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

/** Why a printer cannot take a job now, in words a packer acts on. */
export type PrinterProblemKind = 'offline' | 'paper_out' | 'cover_open' | 'paused' | 'error';
export interface PrinterProblem {
  kind: PrinterProblemKind;
  message: string;
}

export const PROBLEM_TEXT: Record<Exclude<PrinterProblemKind, 'offline' | 'error'>, string> = {
  paper_out: 'The label printer is out of labels: load a new roll.',
  cover_open: 'The label printer cover (print head) is open: close it.',
  paused: 'The label printer is paused: press its pause/feed button.',
};

/**
 * Why a job waits at its printer, by code, from the sentence the queue kept: a known problem's sentence is the
 * drivers' own (PROBLEM_TEXT); anything else is a printer that does not answer. Null when the job does not wait.
 */
export function printerWaitOf(waitingReason: string | null): PrinterWait | null {
  if (waitingReason === null) return null;
  if (waitingReason === PROBLEM_TEXT.paper_out) return 'printer_paper_out';
  if (waitingReason === PROBLEM_TEXT.cover_open) return 'printer_cover_open';
  if (waitingReason === PROBLEM_TEXT.paused) return 'printer_paused';
  return 'printer_offline';
}

/** One printer language: turns label pages (or finished rasters) into the bytes a printer of that language takes. */
export interface Driver {
  language: PrinterLanguage;
  encodePages(pages: readonly LabelPage[]): Buffer | Promise<Buffer>;
  /** Documents that arrive finished (the marketplace's labels) and test patterns: printed as images. */
  encodeRasters(rasters: readonly Raster[], dpi: number): Buffer | Promise<Buffer>;
  /** Bytes that make a printer of this language report its state over a two-way connection. */
  statusQuery?: Buffer;
  /** The problem in a status reply, null when the printer is ready; undefined when the reply is incomplete. */
  parseStatus?(reply: Buffer): PrinterProblem | null | undefined;
}
