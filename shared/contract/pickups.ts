import { z } from 'zod';
import { call } from './define';
import { HandoverMethod, PickupSlot } from './sync';

export const Parcel = z.object({
  packageId: z.string(),
  orderId: z.string(),
  trackingNumber: z.string().nullable(),
  carrier: z.string(),
  shippingType: z.enum(['TIKTOK', 'SELLER']),
  stationState: z.string(),
  paidAt: z.number().nullable(),
  /** Paid + 72 h (or the marketplace's earlier handover SLA): after this the parcel is late. */
  lateAt: z.number().nullable(),
  late: z.boolean(),
  handedOverAt: z.number().nullable(),
  /** When the carrier's scan confirmed collection (package FULFILLING or a tracking event); null until then. */
  collectedAt: z.number().nullable(),
});
export type Parcel = z.infer<typeof Parcel>;

export const Pickup = z.object({
  id: z.number().int(),
  carrier: z.string(),
  shippingType: z.enum(['TIKTOK', 'SELLER']),
  state: z.enum(['open', 'booked', 'closed']),
  handoverMethod: HandoverMethod.nullable(),
  slot: PickupSlot.nullable(),
  readyAt: z.number().nullable(),
  closeAt: z.number().nullable(),
  parcelCount: z.number().int().nullable(),
  totalWeightG: z.number().int().nullable(),
  confirmationNumber: z.string().nullable(),
  createdAt: z.number(),
  closedAt: z.number().nullable(),
  parcels: z.array(Parcel),
  openManifestId: z.number().int().nullable(),
});
export type Pickup = z.infer<typeof Pickup>;

export const CarrierGroup = z.object({
  carrier: z.string(),
  shippingType: z.enum(['TIKTOK', 'SELLER']),
  parcels: z.array(Parcel),
});
export type CarrierGroup = z.infer<typeof CarrierGroup>;

export const ScanVerdict = z.enum(['expected', 'duplicate', 'foreign', 'unknown']);
export type ScanVerdict = z.infer<typeof ScanVerdict>;

const ManifestScan = z.object({
  id: z.number().int(),
  code: z.string(),
  packageId: z.string().nullable(),
  verdict: ScanVerdict,
  at: z.number(),
});

export const Manifest = z.object({
  id: z.number().int(),
  pickupId: z.number().int(),
  carrier: z.string(),
  state: z.enum(['open', 'closed']),
  driverName: z.string().nullable(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  expected: z.array(Parcel.extend({ scanned: z.boolean() })),
  expectedCount: z.number().int(),
  scannedCount: z.number().int(),
  /** Expected parcels not scanned yet: on close they stay at the warehouse for the next pickup. */
  missing: z.array(Parcel),
  /** Scans of parcels that do not belong to this pickup (another carrier or pickup, or unknown to the station). */
  foreign: z.array(ManifestScan),
  scans: z.array(ManifestScan),
  photoIds: z.array(z.number().int()),
  noPhotoReason: z.string().nullable(),
});
export type Manifest = z.infer<typeof Manifest>;

const PickupId = z.object({ pickupId: z.number().int() });
const ManifestId = z.object({ manifestId: z.number().int() });

export const pickupsCalls = {
  'pickups.list': call({
    input: z.object({}),
    output: z.object({ groups: z.array(CarrierGroup), pickups: z.array(Pickup), late: z.array(Parcel) }),
    access: 'read',
  }),
  /** Gathers the carrier's packed parcels not yet in a pickup into its open pickup (created if needed). */
  'pickups.create': call({
    input: z.object({ carrier: z.string().min(1).max(100), shippingType: z.enum(['TIKTOK', 'SELLER']) }),
    output: Pickup,
    access: 'packer',
  }),
  /** Handover slots the marketplace offers for a TikTok-shipped pickup (needs the network). */
  'pickups.slots': call({
    input: PickupId,
    output: z.object({
      canPickup: z.boolean(),
      canDropOff: z.boolean(),
      slots: z.array(PickupSlot.extend({ available: z.boolean() })),
    }),
    access: 'read',
  }),
  /** TikTok shipping: book a pickup slot or choose drop-off for every parcel of the pickup, through the outbox. */
  'pickups.book': call({
    input: PickupId.extend({ method: HandoverMethod, slot: PickupSlot.optional() }).refine(
      (b) => b.method === 'DROP_OFF' || b.slot !== undefined,
      {
        message: 'A pickup needs a slot.',
        path: ['slot'],
      },
    ),
    output: Pickup,
    access: 'packer',
  }),
  /** Seller shipping: the carrier pickup the warehouse arranged (ready and close time, weight, confirmation number). */
  'pickups.record': call({
    input: PickupId.extend({
      readyAt: z.number().int(),
      closeAt: z.number().int(),
      totalWeightG: z.number().int().min(0).max(10_000_000),
      confirmationNumber: z.string().trim().min(1).max(100),
    }).refine((r) => r.closeAt > r.readyAt, {
      message: 'The close time must be after the ready time.',
      path: ['closeAt'],
    }),
    output: Pickup,
    access: 'packer',
  }),
  'manifest.open': call({
    input: PickupId.extend({ driverName: z.string().trim().max(100).optional() }),
    output: Manifest,
    access: 'packer',
  }),
  'manifest.get': call({ input: ManifestId, output: Manifest, access: 'read' }),
  'manifest.scan': call({
    input: ManifestId.extend({ code: z.string().trim().min(1).max(100) }),
    output: z.object({ verdict: ScanVerdict, packageId: z.string().nullable(), manifest: Manifest }),
    access: 'packer',
  }),
  /** Hands the scanned parcels over: needs the handover photo, or the reason there is none (unless photos are required). */
  'manifest.close': call({
    input: ManifestId.extend({ noPhotoReason: z.string().trim().min(1).max(500).optional() }),
    output: Manifest,
    access: 'packer',
  }),
  /** A4 HTML for the driver to sign (opened in a window and printed). */
  'manifest.print': call({ input: ManifestId, output: z.object({ html: z.string() }), access: 'read' }),
};

export const pickupsEvents = {
  'pickups.changed': z.object({ pickupId: z.number().int().nullable() }),
};
