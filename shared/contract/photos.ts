import { z } from 'zod';
import { call } from './define';

export const PhotoPurpose = z.enum(['pack', 'handover', 'extra']);
export type PhotoPurpose = z.infer<typeof PhotoPurpose>;

/** A photo belongs to an order (parcel photo), a manifest (handover photo), or both. */
const Subject = z
  .object({ orderId: z.string().min(1).max(100).optional(), manifestId: z.number().int().optional() })
  .refine((s) => s.orderId !== undefined || s.manifestId !== undefined, {
    message: 'A photo needs an order or a manifest.',
  });

/** Base64 of one JPEG; the station server takes bodies up to 1 MB, and a desk camera frame is far smaller. */
const MAX_JPEG_BASE64 = 980_000;

export const PhotoInfo = z.object({
  id: z.number().int(),
  purpose: PhotoPurpose,
  orderId: z.string().nullable(),
  manifestId: z.number().int().nullable(),
  sha256: z.string(),
  size: z.number().int(),
  takenAt: z.number(),
  stationId: z.string(),
  userId: z.number().int().nullable(),
  file: z.string(),
});
export type PhotoInfo = z.infer<typeof PhotoInfo>;

export const PhotoMiss = z.object({
  id: z.number().int(),
  purpose: PhotoPurpose,
  orderId: z.string().nullable(),
  manifestId: z.number().int().nullable(),
  reason: z.string(),
  at: z.number(),
});
export type PhotoMiss = z.infer<typeof PhotoMiss>;

const EvidenceEntry = z.object({ name: z.string(), size: z.number().int(), sha256: z.string() });

export const photosCalls = {
  'photos.save': call({
    input: z.intersection(
      Subject,
      z.object({ purpose: PhotoPurpose, jpegBase64: z.string().min(100).max(MAX_JPEG_BASE64) }),
    ),
    output: PhotoInfo,
    access: 'packer',
  }),
  /** No photo could be taken (no camera, permission refused): the reason is kept instead. */
  'photos.skip': call({
    input: z.intersection(Subject, z.object({ purpose: PhotoPurpose, reason: z.string().trim().min(1).max(500) })),
    output: PhotoMiss,
    access: 'packer',
  }),
  'photos.list': call({
    input: z.object({ orderId: z.string().min(1).max(100).optional(), manifestId: z.number().int().optional() }),
    output: z.object({ photos: z.array(PhotoInfo), misses: z.array(PhotoMiss), required: z.boolean() }),
    access: 'read',
    lan: 'details',
  }),
  'photos.get': call({
    input: z.object({ id: z.number().int() }),
    output: z.object({ photo: PhotoInfo, jpegBase64: z.string() }),
    access: 'read',
    lan: 'details',
  }),
  /** One order's photos, scans, label, manifest and sync history as a zip with a manifest of checksums. */
  'evidence.export': call({
    input: z.object({ orderId: z.string().min(1).max(100) }),
    output: z.object({ file: z.string(), size: z.number().int(), sha256: z.string(), entries: z.array(EvidenceEntry) }),
    access: 'packer',
  }),
};

export const photosEvents = {
  'photos.saved': z.object({
    id: z.number().int(),
    purpose: PhotoPurpose,
    orderId: z.string().nullable(),
    manifestId: z.number().int().nullable(),
  }),
};
