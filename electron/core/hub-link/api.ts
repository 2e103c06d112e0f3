import { z } from 'zod';
import { OutboxWrite } from '../../../shared/contract/sync';
import { Order } from '../../../shared/domain/orders/order';

/**
 * The hub's HTTP API, one zod schema per request body and per answer: the hub validates what desks send with these,
 * and the desk's link validates what the hub answers with the same ones. Plain JSON; times are Unix ms.
 */

/** The header that names the desk on every call (its station id). */
export const DESK_HEADER = 'x-packbench-desk';
export const DeskId = z.string().trim().min(1).max(40);
const Id = z.string().min(1).max(100);
const Packer = z.string().trim().min(1).max(100).nullable().default(null);

export const LeaseKind = z.enum(['open', 'batch']);
export const Lease = z.object({
  orderId: Id,
  deskId: DeskId,
  packer: z.string().nullable(),
  kind: LeaseKind,
  claimedAt: z.number(),
  expiresAt: z.number(),
});
export type Lease = z.infer<typeof Lease>;

/** A product of a leased order with its SKUs' barcodes, as the hub looked it up. */
export const CatalogueProduct = z.object({
  productId: z.string(),
  title: z.string(),
  skus: z.array(z.object({ skuId: z.string(), sellerSku: z.string(), code: z.string().nullable() })),
});

/** An order as the station stores it, as the hub pulled it, with its products' barcodes. */
export const LeasedOrder = z.object({ lease: Lease, order: Order, products: z.array(CatalogueProduct).default([]) });
export type LeasedOrder = z.infer<typeof LeasedOrder>;

export const ClaimRequest = z.union([
  z.object({ orderId: Id, packer: Packer }),
  z.object({ code: z.string().trim().min(1).max(200), packer: Packer }),
]);
export const NextRequest = z.object({ packer: Packer });
export const BatchRequest = z.object({ size: z.number().int().min(0).max(100).optional() });
export const RenewRequest = z.object({ orderIds: z.array(Id).max(500) });
export const ReleaseRequest = z.object({
  orderId: Id,
  outcome: z.enum(['done', 'held', 'returned']),
  packer: Packer,
  reason: z.string().max(500).nullable().default(null),
});
export const SupervisorReleaseRequest = z.object({ orderId: Id });

/** Why a claim was refused; `leased` names the desk that holds the order and since when. */
export const Refusal = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('unknown_order') }),
  /** doneBy: the desk that packed it, when one did. */
  z.object({ reason: z.literal('not_queued'), state: z.string(), doneBy: z.string().nullable().default(null) }),
  z.object({ reason: z.literal('leased'), deskId: z.string(), since: z.number() }),
]);
export type Refusal = z.infer<typeof Refusal>;

export const ClaimAnswer = z.union([
  z.object({ ok: z.literal(true), leased: LeasedOrder }),
  z.object({ ok: z.literal(false), refusal: Refusal }),
]);
export type ClaimAnswer = z.infer<typeof ClaimAnswer>;
export const NextAnswer = z.object({ leased: LeasedOrder.nullable() });
export const BatchAnswer = z.object({ leased: z.array(LeasedOrder) });
export const RenewAnswer = z.object({
  renewed: z.array(Id),
  lost: z.array(
    z.object({
      orderId: Id,
      heldBy: z.string().nullable(),
      since: z.number().nullable(),
      state: z.string().nullable(),
      /** Closed upstream (cancelled, shipped elsewhere): the order as the hub has it now, for the desk to store. */
      order: Order.optional(),
    }),
  ),
});
export type RenewAnswer = z.infer<typeof RenewAnswer>;
export const ReleaseAnswer = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), refusal: Refusal }),
]);
export const SupervisorReleaseAnswer = z.object({ releasedFrom: z.string().nullable(), state: z.string() });
export const QueueAnswer = z.object({
  orders: z.array(
    z.object({
      orderId: Id,
      packBy: z.number().nullable(),
      heldBy: z.string().nullable(),
      since: z.number().nullable(),
    }),
  ),
});

/** A desk's outbox write handed to the hub; writeId is the desk's own idempotency key for it. */
export const HandedWrite = z.object({ writeId: z.string().min(1).max(200), write: OutboxWrite });
export type HandedWrite = z.infer<typeof HandedWrite>;
export const WritesRequest = z.object({ writes: z.array(HandedWrite).min(1).max(200) });
export const WriteState = z.object({
  writeId: z.string(),
  state: z.enum(['pending', 'done', 'failed']),
  outcome: z.enum(['sent', 'confirmed_upstream', 'already_applied']).nullable(),
  /** For a parcel marked shipped: the package TikTok created. */
  createdPackageId: z.string().nullable(),
  errorKind: z.string().nullable(),
  errorMessage: z.string().nullable(),
});
export type WriteState = z.infer<typeof WriteState>;
export const WritesAnswer = z.object({ writes: z.array(WriteState) });
export const WriteStatesRequest = z.object({ writeIds: z.array(z.string().min(1).max(200)).min(1).max(500) });

export const HealthAnswer = z.object({
  ok: z.literal(true),
  hubTime: z.number(),
  marketplace: z.enum(['sandbox', 'tiktok']),
  leaseIdleMs: z.number(),
  deskBatch: z.number(),
  lastPull: z.object({ at: z.number(), ok: z.boolean(), stored: z.number(), error: z.string().nullable() }).nullable(),
  outboxPending: z.number(),
});
export type HealthAnswer = z.infer<typeof HealthAnswer>;

export const ErrorAnswer = z.object({ error: z.string(), message: z.string() });

/** The warehouse dashboard over every desk: the queue by deadline, throughput per desk and packer, desks, backlog. */
export const DashboardPeriod = z
  .object({ from: z.coerce.number().int(), to: z.coerce.number().int() })
  .refine((p) => p.from < p.to, 'from must be before to');
export const DashboardAnswer = z.object({
  at: z.number(),
  period: z.object({ from: z.number(), to: z.number() }),
  buckets: z.object({
    overdue: z.number(),
    atRisk: z.number(),
    later: z.number(),
    noDeadline: z.number(),
    leased: z.number(),
    held: z.number(),
  }),
  throughput: z.object({
    byDesk: z.array(z.object({ deskId: z.string(), packed: z.number() })),
    byPacker: z.array(z.object({ packer: z.string(), deskId: z.string(), packed: z.number() })),
  }),
  desks: z.array(z.object({ deskId: z.string(), lastSeenAt: z.number(), holding: z.number() })),
  backlog: z.object({ pending: z.number(), failed: z.number(), oldestPendingAt: z.number().nullable() }),
});
export type DashboardAnswer = z.infer<typeof DashboardAnswer>;
export const DrillDownQuery = z.object({
  bucket: z.enum(['overdue', 'atRisk', 'later', 'noDeadline', 'held']),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const DrillDownAnswer = z.object({
  orders: z.array(z.object({ orderId: z.string(), packBy: z.number().nullable(), leasedBy: z.string().nullable() })),
});
