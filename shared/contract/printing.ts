import { z } from 'zod';
import { call } from './define';
import { PrinterWait } from './label-reason';

const OrderId = z.string().min(1).max(100);
const JobId = z.number().int().positive();

export const PrintJobState = z.enum(['queued', 'sent', 'done', 'failed', 'cancelled', 'voided']);
export type PrintJobState = z.infer<typeof PrintJobState>;
const PrinterLanguage = z.enum(['zpl', 'tspl', 'escpos', 'pdf']);

export const PrintJob = z.object({
  id: z.number().int(),
  orderId: z.string().nullable(),
  batchId: z.number().int().nullable(),
  kind: z.enum(['label', 'reprint', 'test', 'document']),
  state: PrintJobState,
  printerUri: z.string(),
  language: PrinterLanguage,
  trackingNumber: z.string().nullable(),
  attempts: z.number().int(),
  /** Why a queued job is not printing yet, in plain words (printer offline, out of labels). */
  waitingReason: z.string().nullable(),
  /** The same, by code: the screens choose their words by it. */
  waitingCode: PrinterWait.nullable(),
  /** Why a job failed, as the printer or the label builder said it. */
  error: z.string().nullable(),
  createdAt: z.number(),
  doneAt: z.number().nullable(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const PrintingStatus = z.object({
  labelPrinter: z.object({
    uri: z.string(),
    describe: z.string(),
    language: PrinterLanguage,
    dpi: z.number().int(),
    size: z.string(),
    source: z.enum(['default', 'saved', 'env']),
  }),
  documentPrinter: z.string(),
  autoPrint: z.boolean(),
  virtualPrinter: z.object({ running: z.boolean(), port: z.number().int().nullable(), paperOut: z.boolean() }),
  queue: z.object({
    queued: z.number().int(),
    failed: z.number().int(),
    waitingReason: z.string().nullable(),
    waitingCode: PrinterWait.nullable(),
  }),
});
export type PrintingStatus = z.infer<typeof PrintingStatus>;

export const LabelPreview = z.object({
  orderId: z.string(),
  /** One SVG per page (the label, then a CN23 page when needed), in printer dots. */
  pages: z.array(z.string()),
  customsForm: z.enum(['CN22', 'CN23']).nullable(),
  trackingNumber: z.string(),
  /** Seller-shipped orders get their number when the label prints: the preview shows the one the range would issue. */
  trackingProvisional: z.boolean(),
});

export const PrintableOrder = z.object({
  id: z.string(),
  recipientName: z.string(),
  countryCode: z.string(),
  stationState: z.string(),
  shippingType: z.enum(['TIKTOK', 'SELLER']),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  packedAt: z.number().nullable(),
});

export const PrintBatch = z.object({
  id: z.number().int(),
  state: z.enum(['running', 'paused', 'cancelled', 'done']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  pending: z.number().int(),
  waitingReason: z.string().nullable(),
  waitingCode: PrinterWait.nullable(),
  failures: z.array(z.object({ jobId: z.number().int(), orderId: z.string().nullable(), error: z.string() })),
  createdAt: z.number(),
});
export type PrintBatch = z.infer<typeof PrintBatch>;

export const TrackingRange = z.object({
  id: z.number().int(),
  carrier: z.string(),
  formatId: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  serialWidth: z.number().int(),
  first: z.number().int(),
  last: z.number().int(),
  next: z.number().int(),
  shippingProviderId: z.string(),
  active: z.boolean(),
  /** The number the range issues next, check digit included. */
  nextNumber: z.string().nullable(),
});

export const PrinterCandidate = z.object({
  uri: z.string(),
  describe: z.string(),
  kind: z.enum(['virtual', 'tcp', 'device', 'queue']),
});

export const VirtualPrint = z.object({
  id: z.number().int(),
  at: z.number(),
  language: z.string(),
  byteCount: z.number().int(),
  text: z.array(z.string()),
  barcodes: z.array(z.string()),
  pages: z.number().int(),
});

export const printingCalls = {
  'printing.status': call({ input: z.object({}), output: PrintingStatus, access: 'read' }),
  'printing.candidates': call({ input: z.object({}), output: z.array(PrinterCandidate), access: 'read' }),
  'printing.jobs': call({
    input: z.object({
      orderId: OrderId.optional(),
      batchId: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.array(PrintJob),
    access: 'read',
  }),
  'printing.printable': call({
    input: z.object({ limit: z.number().int().min(1).max(500).default(500) }),
    output: z.array(PrintableOrder),
    access: 'read',
  }),
  'printing.preview': call({ input: z.object({ orderId: OrderId }), output: LabelPreview, access: 'read' }),
  'printing.print': call({
    input: z.object({ orderId: OrderId, weightGrams: z.number().int().min(1).max(70_000).optional() }),
    output: PrintJob,
    access: 'packer',
  }),
  'printing.reprint': call({
    input: z.object({
      orderId: OrderId,
      reason: z.string().trim().min(1, 'say why the label is printed again').max(300),
    }),
    output: PrintJob,
    access: 'packer',
  }),
  'printing.void': call({
    input: z.object({ jobId: JobId, reason: z.string().trim().min(1, 'say why the label is void').max(300) }),
    output: PrintJob,
    access: 'packer',
  }),
  'printing.cancel': call({ input: z.object({ jobId: JobId }), output: PrintJob, access: 'packer' }),
  'printing.test': call({
    input: z.object({ printer: z.enum(['label', 'document']).default('label') }),
    output: PrintJob,
    access: 'packer',
  }),
  'printing.ranges': call({ input: z.object({}), output: z.array(TrackingRange), access: 'read' }),
  'printing.addRange': call({
    input: z.object({
      carrier: z.string().trim().min(1).max(60),
      formatId: z.string().min(1),
      prefix: z.string().trim().toUpperCase(),
      suffix: z.string().trim().toUpperCase().default(''),
      serialWidth: z.number().int().min(1).max(15),
      first: z.number().int().min(0),
      last: z.number().int().min(0),
      shippingProviderId: z.string().trim().min(1).max(100),
    }),
    output: TrackingRange,
    access: 'supervisor',
  }),
  'printing.disableRange': call({
    input: z.object({ id: z.number().int() }),
    output: TrackingRange,
    access: 'supervisor',
  }),
  'printing.batch.start': call({
    input: z.object({
      orderIds: z.array(OrderId).min(1).max(500, 'at most 500 orders in one batch (the marketplace limit)'),
    }),
    output: PrintBatch,
    access: 'packer',
  }),
  'printing.batch.status': call({ input: z.object({ batchId: z.number().int() }), output: PrintBatch, access: 'read' }),
  'printing.batch.pause': call({
    input: z.object({ batchId: z.number().int() }),
    output: PrintBatch,
    access: 'packer',
  }),
  'printing.batch.resume': call({
    input: z.object({ batchId: z.number().int() }),
    output: PrintBatch,
    access: 'packer',
  }),
  'printing.batch.cancel': call({
    input: z.object({ batchId: z.number().int() }),
    output: PrintBatch,
    access: 'packer',
  }),
  'printing.virtual.prints': call({
    input: z.object({ limit: z.number().int().min(1).max(100).default(10) }),
    output: z.array(VirtualPrint),
    access: 'read',
  }),
  'printing.virtual.image': call({
    input: z.object({ id: z.number().int(), page: z.number().int().min(0).default(0) }),
    output: z.object({ png: z.string(), bytes: z.string() }),
    access: 'read',
  }),
  'printing.virtual.power': call({
    input: z.object({ on: z.boolean() }),
    output: PrintingStatus.shape.virtualPrinter,
    access: 'packer',
  }),
  'printing.virtual.paper': call({
    input: z.object({ paperOut: z.boolean() }),
    output: PrintingStatus.shape.virtualPrinter,
    access: 'packer',
  }),
};

export const printingEvents = {
  /** A print job was created or changed state (or is waiting for another reason). */
  'printing.job': z.object({
    jobId: z.number().int(),
    orderId: z.string().nullable(),
    batchId: z.number().int().nullable(),
    state: PrintJobState,
    waitingReason: z.string().nullable(),
  }),
  /** A batch was started, paused, resumed, cancelled or finished. */
  'printing.batch': z.object({ batchId: z.number().int() }),
  /** The built-in virtual printer received a job, or was switched on or off. */
  'printing.virtual': z.object({ printId: z.number().int().nullable() }),
};
