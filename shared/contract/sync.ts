import { z } from 'zod';
import { call } from './define';

const Id = z.string().min(1).max(100);

/** A pickup window offered by the marketplace, Unix ms. */
export const PickupSlot = z.object({ start: z.number().int(), end: z.number().int() });
export type PickupSlot = z.infer<typeof PickupSlot>;

export const HandoverMethod = z.enum(['PICKUP', 'DROP_OFF']);
export type HandoverMethod = z.infer<typeof HandoverMethod>;

/**
 * Every write the station owes the marketplace. One package per write, so the worker can keep writes to the same
 * package in order and judge each package's answer on its own (the batch endpoint answers per package too).
 */
export const OutboxWrite = z.discriminatedUnion('kind', [
  /** Seller shipping: the parcel carries the seller's carrier label; tell the marketplace its tracking number. */
  z.object({
    kind: z.literal('ship.seller'),
    orderId: Id,
    packageId: Id,
    trackingNumber: z.string().trim().min(4).max(64),
    shippingProviderId: Id,
    shippingProviderName: z.string().max(100).optional(),
  }),
  /** TikTok shipping: the parcel goes with TikTok's carrier, handed over by pickup or drop-off. */
  z.object({
    kind: z.literal('ship.tiktok'),
    orderId: Id,
    packageId: Id,
    handoverMethod: HandoverMethod,
    pickupSlot: PickupSlot.nullable(),
  }),
  /** TikTok shipping: a pickup slot booked for a parcel of a pickup (the ship call with handover PICKUP + slot). */
  z.object({
    kind: z.literal('pickup.book'),
    orderId: Id,
    packageId: Id,
    pickupId: z.number().int(),
    pickupSlot: PickupSlot,
  }),
  /**
   * Seller shipping where the order has no package yet (local sellers in the US, UK, EU and JP): Mark Package As
   * Shipped names the line items in the parcel and creates the package. `packageId` is the parcel's key until
   * TikTok names it (`order:<orderId>`), so its writes keep one stream.
   */
  z.object({
    kind: z.literal('ship.mark'),
    orderId: Id,
    packageId: Id,
    lineItemIds: z.array(Id).min(1),
    trackingNumber: z.string().trim().min(4).max(64),
    shippingProviderId: Id,
  }),
  /** The parcel left with the carrier's driver (closed handover manifest). */
  z.object({
    kind: z.literal('handover.confirm'),
    orderId: Id,
    packageId: Id,
    manifestId: z.number().int(),
    handedOverAt: z.number().int(),
  }),
  /** A corrected tracking number or carrier for a package already shipped. */
  z.object({
    kind: z.literal('tracking.update'),
    orderId: Id,
    packageId: Id,
    trackingNumber: z.string().trim().min(4).max(64),
    shippingProviderId: Id,
  }),
]);
export type OutboxWrite = z.infer<typeof OutboxWrite>;

export const OutboxState = z.enum(['pending', 'done', 'failed', 'cancelled']);
export type OutboxState = z.infer<typeof OutboxState>;

/** What a packer or supervisor can do about a write the marketplace refused for good. */
export const FailureAction = z.enum(['void_and_pull', 'fix_tracking', 'retry', 'reconnect']);
export type FailureAction = z.infer<typeof FailureAction>;

export const OutboxRow = z.object({
  id: z.number().int(),
  idempotencyKey: z.string(),
  write: OutboxWrite,
  state: OutboxState,
  attempts: z.number().int(),
  inDoubt: z.boolean(),
  nextAttemptAt: z.number(),
  createdAt: z.number(),
  doneAt: z.number().nullable(),
  /** How a done write was settled: sent, found already applied upstream, or answered "already shipped". */
  outcome: z.enum(['sent', 'confirmed_upstream', 'already_applied']).nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  requestId: z.string().nullable(),
  action: FailureAction.nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRow>;

export const SyncAttempt = z.object({
  at: z.number(),
  result: z.enum(['sent', 'transient', 'permanent', 'in_doubt', 'confirmed_upstream', 'already_applied']),
  code: z.string().nullable(),
  message: z.string().nullable(),
  requestId: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type SyncAttempt = z.infer<typeof SyncAttempt>;

export const SyncStatus = z.object({
  /** online: the marketplace answers and nothing waits. syncing: writes are being sent. offline: it cannot be reached. */
  state: z.enum(['online', 'offline', 'syncing']),
  backlog: z.number().int(),
  failed: z.number().int(),
  /** Created time of the oldest write not yet accepted (pending or failed), Unix ms. */
  oldestUnsentAt: z.number().nullable(),
  lastContactAt: z.number().nullable(),
  lastError: z.string().nullable(),
  /** Set while a rate limit or Retry-After holds every write back. */
  pausedUntil: z.number().nullable(),
  /** The shop's authorisation is gone: writes wait, untried, until a supervisor reconnects the shop. */
  reconnectRequired: z.boolean(),
  time: z.number(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncAlert = z.object({
  rowId: z.number().int(),
  kind: z.string(),
  orderId: z.string().nullable(),
  packageId: z.string().nullable(),
  code: z.string().nullable(),
  message: z.string(),
  action: FailureAction,
});
export type SyncAlert = z.infer<typeof SyncAlert>;

export const syncCalls = {
  'sync.status': call({ input: z.object({}), output: SyncStatus, access: 'read' }),
  'sync.list': call({
    input: z.object({
      states: z.array(OutboxState).default(['pending', 'failed']),
      orderId: Id.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.array(OutboxRow),
    access: 'read',
  }),
  'sync.history': call({ input: z.object({ rowId: z.number().int() }), output: z.array(SyncAttempt), access: 'read' }),
  /** Sends what is due now instead of waiting for the next tick (and clears a backoff the user wants to skip). */
  'sync.now': call({ input: z.object({}), output: SyncStatus, access: 'packer' }),
  'sync.retry': call({ input: z.object({ rowId: z.number().int() }), output: OutboxRow, access: 'packer' }),
  'sync.fixTracking': call({
    input: z.object({
      rowId: z.number().int(),
      trackingNumber: z.string().trim().min(4).max(64),
      shippingProviderId: Id.optional(),
    }),
    output: OutboxRow,
    access: 'packer',
  }),
  /** The order cannot ship (cancelled upstream): drop the write, and the parcel leaves its pickup. */
  'sync.voidAndPull': call({
    input: z.object({ rowId: z.number().int(), reason: z.string().trim().min(1).max(500) }),
    output: OutboxRow,
    access: 'supervisor',
  }),
};

export const syncEvents = {
  'sync.status': SyncStatus,
  'sync.alert': SyncAlert,
  /** A write settled (done, failed, cancelled): screens showing orders or pickups reload. */
  'sync.changed': z.object({ rowIds: z.array(z.number().int()) }),
};
