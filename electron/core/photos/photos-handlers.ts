import type { photosCalls } from '../../../shared/contract/photos';
import type { HandlersFor } from '../contract/dispatch';
import { exportEvidence } from './evidence-export';
import type { StationServices } from '../station/services';
import { InvalidRequest, NotFound } from '../errors/domain-errors';

/** Parcel and handover photos, the "no photo" record, and the evidence export for a dispute. */
export function photosHandlers(
  svc: Pick<StationServices, 'audit' | 'bus' | 'dataDir' | 'db' | 'now' | 'photos' | 'settings'>,
): HandlersFor<typeof photosCalls> {
  return {
    'photos.save': ({ jpegBase64, purpose, orderId, manifestId }, ctx) => {
      const photo = svc.photos.save(Buffer.from(jpegBase64, 'base64'), {
        purpose,
        orderId,
        manifestId,
        userId: ctx.user?.id ?? null,
      });
      svc.audit({
        action: 'photos.save',
        userId: ctx.user?.id ?? null,
        orderId: orderId ?? null,
        details: { photoId: photo.id, purpose, manifestId: manifestId ?? null, sha256: photo.sha256 },
      });
      svc.bus.emit('photos.saved', { id: photo.id, purpose, orderId: photo.orderId, manifestId: photo.manifestId });
      return photo;
    },
    'photos.skip': ({ reason, purpose, orderId, manifestId }, ctx) =>
      svc.db.transaction(() => {
        const miss = svc.photos.recordMiss(reason, { purpose, orderId, manifestId, userId: ctx.user?.id ?? null });
        svc.audit({
          action: 'photos.skip',
          userId: ctx.user?.id ?? null,
          orderId: orderId ?? null,
          details: { purpose, manifestId: manifestId ?? null, reason },
        });
        return miss;
      })(),
    'photos.list': ({ orderId, manifestId }) => {
      if (orderId === undefined && manifestId === undefined) throw new InvalidRequest('Give an order or a manifest.');
      return { ...svc.photos.list({ orderId, manifestId }), required: svc.settings.get('photos.required') === true };
    },
    'photos.get': ({ id }) => {
      const photo = svc.photos.get(id);
      if (!photo) throw new NotFound(`There is no photo ${id}.`);
      return { photo, jpegBase64: Buffer.from(svc.photos.read(photo)).toString('base64') };
    },
    'evidence.export': ({ orderId }, ctx) => {
      const result = exportEvidence(svc.db, svc.dataDir, svc.photos, orderId, svc.now());
      svc.audit({
        action: 'evidence.export',
        userId: ctx.user?.id ?? null,
        orderId,
        details: { file: result.file, sha256: result.sha256, entries: result.entries.length },
      });
      return result;
    },
  };
}
