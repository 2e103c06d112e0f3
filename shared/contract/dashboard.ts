import { z } from 'zod';
import { BUCKETS, DEADLINES } from '../domain/deadlines/buckets';
import { MarketStatus, Service, StationState } from '../domain/orders/order';
import { call } from './define';

const Bucket = z.enum(BUCKETS);
const Deadline = z.enum(DEADLINES);
export const Period = z.enum(['today', 'week']);
export type Period = z.infer<typeof Period>;

const count = z.number().int().min(0);
const BucketCounts = z.object({ overdue: count, atRisk: count, dueToday: count, later: count });

/** key: the carrier (null: none assigned yet) or the service. */
export const BucketGroup = z.object({ key: z.string().nullable(), counts: BucketCounts });
export type BucketGroup = z.infer<typeof BucketGroup>;

export const DeadlineBuckets = z.object({
  total: BucketCounts,
  byCarrier: z.array(BucketGroup),
  byService: z.array(BucketGroup),
});
export type DeadlineBuckets = z.infer<typeof DeadlineBuckets>;

export const DashboardBuckets = z.object({
  at: z.number(),
  /** Where overdue ends, at risk ends and due today ends (see shared/domain/deadlines/buckets). */
  edges: z.tuple([z.number(), z.number(), z.number()]),
  atRiskHours: z.number(),
  timeZone: z.string(),
  packBy: DeadlineBuckets,
  handoverBy: DeadlineBuckets,
});
export type DashboardBuckets = z.infer<typeof DashboardBuckets>;

export const Throughput = z.object({
  period: Period,
  from: z.number(),
  to: z.number(),
  /** Hours of today, or days of the last 7 days, each with orders packed per packer (user id, "0" unknown) and per station. */
  slots: z.array(
    z.object({
      start: z.number(),
      packed: count,
      byPacker: z.record(z.string(), count),
      byStation: z.record(z.string(), count),
    }),
  ),
  slotMs: z.number(),
  packed: count,
  /** perHour: orders packed per hour actually worked (hours with at least one order packed), the usual units-per-hour. */
  packers: z.array(
    z.object({ userId: z.number().int().nullable(), name: z.string().nullable(), packed: count, perHour: z.number() }),
  ),
  stations: z.object({ stations: z.array(z.object({ stationId: z.string(), packed: count, perHour: z.number() })) }),
  avgPaidToPackedMs: z.number().nullable(),
  scans: z.object({ scans: count, errors: count, rate: z.number().nullable() }),
  holds: z.object({ reasons: z.array(z.object({ reason: z.string(), count })) }),
});
export type Throughput = z.infer<typeof Throughput>;

export const Health = z.object({
  at: z.number(),
  sync: z.object({ backlog: count, oldestUnsentAt: z.number().nullable(), failed: count }),
  /** Packed parcels whose label has not printed: waiting for TikTok (ship write or document), the carrier label to scan, failed. */
  labels: z.object({ waiting: count, oldestWaitingAt: z.number().nullable(), scanTracking: count, failed: count }),
  printers: z.object({
    printers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        state: z.enum(['ready', 'printing', 'waiting', 'failed']),
        detail: z.string().nullable(),
        queued: count,
      }),
    ),
  }),
  pickups: z.object({
    pickups: z.array(
      z.object({
        id: z.number().int(),
        carrier: z.string(),
        method: z.string().nullable(),
        state: z.string(),
        slotStart: z.number().nullable(),
        slotEnd: z.number().nullable(),
        parcels: count,
        missing: count,
      }),
    ),
  }),
});
export type Health = z.infer<typeof Health>;

/** What a number on the dashboard stands for: drill-down gives the orders behind it. */
export const DrillDown = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bucket'),
    deadline: Deadline,
    bucket: Bucket,
    /** Absent: every carrier; null: orders with no carrier yet. */
    carrier: z.string().max(100).nullable().optional(),
    service: Service.optional(),
  }),
  z.object({
    kind: z.literal('packed'),
    period: Period,
    packerId: z.number().int().nullable().optional(),
    stationId: z.string().max(100).optional(),
    slotStart: z.number().optional(),
  }),
  z.object({ kind: z.literal('held'), period: Period, reason: z.string().max(100).optional() }),
  z.object({ kind: z.literal('scanErrors'), period: Period }),
  z.object({ kind: z.literal('unsent') }),
  z.object({ kind: z.literal('failedWrites') }),
  z.object({ kind: z.literal('labels'), state: z.enum(['waiting', 'scanTracking', 'failed']) }),
  z.object({ kind: z.literal('pickupMissing'), pickupId: z.number().int() }),
  z.object({ kind: z.literal('pickupParcels'), pickupId: z.number().int() }),
]);
export type DrillDown = z.infer<typeof DrillDown>;

export const OrderBrief = z.object({
  id: z.string(),
  status: MarketStatus,
  stationState: StationState,
  carrier: z.string().nullable(),
  service: Service,
  paidAt: z.number().nullable(),
  packBy: z.number().nullable(),
  handoverBy: z.number().nullable(),
  packedAt: z.number().nullable(),
  packedBy: z.string().nullable(),
  holdReason: z.string().nullable(),
});
export type OrderBrief = z.infer<typeof OrderBrief>;

export const LanInfo = z.object({
  enabled: z.boolean(),
  listening: z.boolean(),
  /** Open one of these on the tablet or wall display; the token in it pairs the device. */
  urls: z.array(z.string()),
  error: z.string().nullable(),
});
export type LanInfo = z.infer<typeof LanInfo>;

export const dashboardCalls = {
  /** Whether this UI is the read-only LAN view, so it shows the dashboard alone. */
  'dashboard.viewer': call({
    input: z.object({}),
    output: z.object({ readOnly: z.boolean() }),
    access: 'read',
    lan: 'aggregate',
  }),
  'dashboard.buckets': call({ input: z.object({}), output: DashboardBuckets, access: 'read', lan: 'aggregate' }),
  'dashboard.throughput': call({
    input: z.object({ period: Period.default('today') }),
    output: Throughput,
    access: 'read',
    lan: 'aggregate',
  }),
  'dashboard.health': call({ input: z.object({}), output: Health, access: 'read', lan: 'aggregate' }),
  'dashboard.orders': call({
    input: z.object({ filter: DrillDown, limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ total: count, orders: z.array(OrderBrief) }),
    access: 'read',
    lan: 'details',
  }),
};

/** Pairing a tablet or wall display with the read-only LAN view. */
export const lanCalls = {
  'lan.info': call({ input: z.object({}), output: LanInfo, access: 'supervisor' }),
  /** A new token unpairs every device that had the old one. */
  'lan.rotateToken': call({ input: z.object({}), output: LanInfo, access: 'supervisor' }),
};

export const dashboardEvents = {
  'lan.changed': z.object({ listening: z.boolean() }),
};
