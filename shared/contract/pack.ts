import { z } from 'zod';
import { HoldReason } from '../domain/scan/commands';
import { MAX_CODE_LENGTH, rejectScanText } from '../domain/scan/normalize';
import { ScannerConfig } from '../domain/scan/scanner-detector';
import { Verdict, Verification } from '../domain/scan/verification';
import { Service } from '../domain/orders/order';
import { call } from './define';
import { LabelReason, LabelTodo } from './label-reason';
import { PrintJob } from './printing';

const REJECTION_MESSAGES = {
  empty: 'Nothing was scanned.',
  too_long: `That is not a barcode: longer than ${MAX_CODE_LENGTH} characters.`,
  not_printable: 'That is not a barcode: it contains control characters or bytes a scanner does not send.',
} as const;

/** A scanned or typed code: garbage is refused here, before it can reach the database. */
const ScanText = z
  .string()
  .max(MAX_CODE_LENGTH * 4, REJECTION_MESSAGES.too_long)
  .superRefine((text, ctx) => {
    const rejection = rejectScanText(text);
    if (rejection) ctx.addIssue({ code: 'custom', message: REJECTION_MESSAGES[rejection] });
  });

const SupervisorPin = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');

export const SessionState = z.enum(['open', 'completed', 'overridden', 'held', 'cancelled']);
export type SessionState = z.infer<typeof SessionState>;

/** The order on the pack screen: what the packer needs to see, with its verification state. */
export const PackView = z.object({
  sessionId: z.number().int(),
  state: SessionState,
  openedAt: z.number(),
  order: z.object({
    id: z.string(),
    status: z.string(),
    carrier: z.string().nullable(),
    service: Service,
    deliveryOptionName: z.string().nullable(),
    buyerMessage: z.string(),
    recipientName: z.string(),
    isCod: z.boolean(),
    packBy: z.number().nullable(),
  }),
  verification: Verification,
  complete: z.boolean(),
});
export type PackView = z.infer<typeof PackView>;

/** Every pack action answers with what happened (for the message and the sound) and the order as it now is. */
export const PackResult = z.object({ verdict: Verdict, view: PackView.nullable() });
export type PackResult = z.infer<typeof PackResult>;

export const PackQueueItem = z.object({
  id: z.string(),
  packBy: z.number().nullable(),
  carrier: z.string().nullable(),
  service: Service,
  units: z.number().int(),
  skus: z.number().int(),
  hasBuyerMessage: z.boolean(),
  hasGift: z.boolean(),
  /** Set when a packer has the order open at some desk. */
  openAtStation: z.string().nullable(),
});
export type PackQueueItem = z.infer<typeof PackQueueItem>;

export const PackHold = z.object({
  orderId: z.string(),
  reason: HoldReason,
  note: z.string(),
  heldAt: z.number(),
  heldBy: z.string().nullable(),
  stationId: z.string(),
  packBy: z.number().nullable(),
});
export type PackHold = z.infer<typeof PackHold>;

/**
 * The label of the order just packed, as the desk must know it: printing, printed, waiting for TikTok (why),
 * scan the carrier's label, failed (what happened, in plain words, and the one thing to do).
 */
export const LabelState = z.enum([
  'ship_queued',
  'waiting_tiktok',
  'ready',
  'scan_tracking',
  'printing',
  'printed',
  'failed',
  'cancelled',
]);
export type LabelState = z.infer<typeof LabelState>;

export const ShippingProvider = z.object({ id: z.string().min(1).max(100), name: z.string().min(1).max(100) });
export type ShippingProvider = z.infer<typeof ShippingProvider>;

export const LabelStatus = z.object({
  orderId: z.string(),
  flow: z.enum(['tiktok', 'seller']),
  state: LabelState,
  /** Why it waits or failed, by code and the facts its sentence names: the desk chooses the words. */
  reason: LabelReason.nullable(),
  /** The one thing to do about it, when there is one, by code. */
  todo: LabelTodo.nullable(),
  carrier: z.string().nullable(),
  shippingProviderId: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  /** Where the ship write stands: not queued yet, waiting in the outbox, accepted, or refused. */
  shipWrite: z.enum(['none', 'pending', 'done', 'failed']),
  /** How many parcels the order leaves in: TikTok may split an order into packages, each with its own label. */
  parcels: z.number().int().min(1),
  collectedAt: z.number().nullable(),
});
export type LabelStatus = z.infer<typeof LabelStatus>;

const EntrySourceSchema = z.enum(['scanner', 'manual', 'typed', 'button']);

export const packCalls = {
  'pack.config': call({ input: z.object({}), output: z.object({ scanner: ScannerConfig }), access: 'read' }),
  /** Orders a packer may open, earliest pack-by deadline first; filterable by carrier and service. */
  'pack.queue': call({
    input: z.object({ carrier: z.string().max(100).optional(), service: Service.optional() }),
    output: z.object({ orders: z.array(PackQueueItem), carriers: z.array(z.string()) }),
    access: 'read',
  }),
  /** The order open at this desk, if any: what a restarted station shows. */
  'pack.current': call({ input: z.object({}), output: PackView.nullable(), access: 'read' }),
  /**
   * Every code the station knows a product by (barcode table and seller SKUs, as stored): the pack screen judges a
   * scanned code that is not in the open order as a wrong item from these at once, and the station confirms it.
   */
  'pack.knownCodes': call({ input: z.object({}), output: z.object({ codes: z.array(z.string()) }), access: 'read' }),
  /** Anything scanned or typed: an order number, a tracking number, an item, a serial, a command barcode. */
  'pack.scan': call({
    input: z.object({ text: ScanText, source: EntrySourceSchema }),
    output: PackResult,
    access: 'packer',
  }),
  'pack.open': call({ input: z.object({ orderId: z.string().min(1).max(100) }), output: PackResult, access: 'packer' }),
  'pack.quantity': call({
    input: z.object({ quantity: z.number().int().min(1).max(9999) }),
    output: PackResult,
    access: 'packer',
  }),
  'pack.undo': call({ input: z.object({}), output: PackResult, access: 'packer' }),
  'pack.hold': call({
    input: z.object({ reason: HoldReason, note: z.string().max(500).default('') }),
    output: PackResult,
    access: 'packer',
  }),
  'pack.cancel': call({ input: z.object({}), output: PackResult, access: 'packer' }),
  'pack.next': call({ input: z.object({}), output: PackResult, access: 'packer' }),
  'pack.print': call({ input: z.object({}), output: PackResult, access: 'packer' }),
  /** Completes the open order with unverified lines; a supervisor's PIN, entered at that moment, signs it. */
  'pack.override': call({
    input: z.object({ pin: SupervisorPin, reason: z.string().trim().min(3, 'Give a reason').max(500) }),
    output: PackResult,
    access: 'packer',
  }),
  /** Remembers an unknown code as an alias of a line's SKU (supervisor PIN), then counts the unit. */
  'pack.linkBarcode': call({
    input: z.object({ pin: SupervisorPin, code: ScanText, lineKey: z.string().min(1).max(100) }),
    output: PackResult,
    access: 'packer',
  }),
  'pack.holds': call({ input: z.object({}), output: z.array(PackHold), access: 'read' }),
  /** The label of a packed order (the pack screen shows the last one packed at this desk); null before packing. */
  'pack.label': call({
    input: z.object({ orderId: z.string().min(1).max(100).optional() }),
    output: LabelStatus.nullable(),
    access: 'read',
  }),
  /** The tracking number scanned (or typed) from the carrier's own label of a seller-shipped order. */
  'pack.setTracking': call({
    input: z.object({ orderId: z.string().min(1).max(100), trackingNumber: ScanText }),
    output: LabelStatus,
    access: 'packer',
  }),
  /** The carriers the marketplace offers for the order's delivery option, to change the one chosen. */
  'pack.carriers': call({
    input: z.object({ orderId: z.string().min(1).max(100) }),
    output: z.array(ShippingProvider),
    access: 'read',
  }),
  /** The packing slip of a packed order printed (again) after its label, because the packer asked. */
  'pack.printSlip': call({
    input: z.object({ orderId: z.string().min(1).max(100) }),
    output: PrintJob,
    access: 'packer',
  }),
  /** Another carrier for a seller-shipped order, before its tracking number is set. */
  'pack.setCarrier': call({
    input: z.object({ orderId: z.string().min(1).max(100), provider: ShippingProvider }),
    output: LabelStatus,
    access: 'packer',
  }),
  'pack.releaseHold': call({
    input: z.object({ pin: SupervisorPin, orderId: z.string().min(1).max(100), note: z.string().max(500).default('') }),
    output: PackResult,
    access: 'packer',
  }),
};

export const packEvents = {
  /** An order was packed (verified or overridden): the printing feature prints its label when configured to. */
  'pack.completed': z.object({ orderId: z.string(), stationId: z.string(), overridden: z.boolean() }),
  /** PRINT was scanned for a packed order. */
  'pack.printRequested': z.object({ orderId: z.string(), stationId: z.string() }),
  /** The label of an order moved (queued, waiting for TikTok, printed, failed, ...): the pack screen repaints it. */
  'pack.label': LabelStatus,
  /**
   * The marketplace cancelled the order open at this desk, or its buyer changed the address: the packer stops
   * (red, error sound); a cancelled order gets no label.
   */
  'pack.stopped': z.object({
    orderId: z.string(),
    stationId: z.string(),
    reason: z.enum(['cancelled', 'address_changed']),
  }),
  /** An order's pack state changed (opened, packed, held, released, cancelled): queues and dashboards reload. */
  'pack.changed': z.object({ orderId: z.string(), stationState: z.string() }),
};
