import type { pickupsCalls } from '../../../shared/contract/pickups';
import type { HandlersFor } from '../contract/dispatch';
import { enqueueWrite } from '../outbox';
import type { StationServices } from '../station/services';
import { MarketplaceError } from '../marketplace';
import { OrderUpdates } from '../orders';
import { ManifestStore } from './manifest-store';
import { manifestHtml } from './manifest-print';
import { PickupStore } from './pickup-store';
import { Conflict, InvalidRequest, Unavailable } from '../errors/domain-errors';

/**
 * Carrier pickups, handover slots and bookings, and the handover manifest. TikTok-shipped parcels were shipped
 * (Ship Package, with the warehouse's handover method) when they were packed: a booking here plans the driver's
 * visit at the desk; the manifest confirms what left, and the sync worker then watches for the carrier's scan.
 */
export function pickupsHandlers(
  svc: Pick<
    StationServices,
    'audit' | 'bus' | 'db' | 'fulfillment' | 'handoverSlots' | 'now' | 'photos' | 'settings' | 'stationId'
  >,
): HandlersFor<typeof pickupsCalls> {
  const pickups = new PickupStore(svc.db, svc.now);
  const manifests = new ManifestStore(svc.db, pickups, svc.now);
  const changed = (pickupId: number | null) => svc.bus.emit('pickups.changed', { pickupId });
  const meta = (userId: number | null) => ({ userId, stationId: svc.stationId, now: svc.now() });

  return {
    'pickups.list': () => ({ groups: pickups.unassigned(), pickups: pickups.current(), late: pickups.late() }),

    'pickups.create': ({ carrier, shippingType }, ctx) => {
      const id = svc.db.transaction(() => {
        const pickupId = pickups.gather(carrier, shippingType, ctx.user?.id ?? null);
        svc.audit({
          action: 'pickups.create',
          userId: ctx.user?.id ?? null,
          details: { pickupId, carrier, shippingType },
        });
        return pickupId;
      })();
      changed(id);
      return pickups.require(id);
    },

    'pickups.slots': async ({ pickupId }) => {
      const pickup = pickups.require(pickupId);
      if (pickup.shippingType !== 'TIKTOK')
        throw new InvalidRequest('Slots are offered for parcels shipped by TikTok; record the carrier pickup instead.');
      const first = pickup.parcels[0];
      if (!first) throw new Conflict(`Pickup ${pickupId} has no parcel.`);
      try {
        return await svc.handoverSlots(first);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof MarketplaceError && error.retryable) {
          throw new Unavailable(
            `The marketplace cannot be reached for slots (${message}). Choose drop-off, or try again when online.`,
          );
        }
        throw new Unavailable(message);
      }
    },

    'pickups.book': ({ pickupId, method, slot }, ctx) => {
      svc.db.transaction(() => {
        const pickup = pickups.require(pickupId);
        if (pickup.shippingType !== 'TIKTOK')
          throw new Conflict('This pickup ships with the seller’s own carrier: record the carrier pickup instead.');
        if (pickup.state === 'closed') throw new Conflict(`Pickup ${pickupId} was already handed over.`);
        if (pickup.parcels.length === 0) throw new Conflict(`Pickup ${pickupId} has no parcel.`);
        pickups.markBooked(pickupId, method, slot ?? null);
        svc.audit({
          action: 'pickups.book',
          userId: ctx.user?.id ?? null,
          details: { pickupId, method, slot: slot ?? null, parcels: pickup.parcels.length },
        });
      })();
      changed(pickupId);
      return pickups.require(pickupId);
    },

    'pickups.record': ({ pickupId, ...record }, ctx) => {
      svc.db.transaction(() => {
        const pickup = pickups.require(pickupId);
        if (pickup.shippingType !== 'SELLER')
          throw new Conflict('This pickup ships with TikTok: book a slot or drop-off instead.');
        if (pickup.state === 'closed') throw new Conflict(`Pickup ${pickupId} was already handed over.`);
        pickups.recordCarrierPickup(pickupId, record);
        svc.audit({ action: 'pickups.record', userId: ctx.user?.id ?? null, details: { pickupId, ...record } });
      })();
      changed(pickupId);
      return pickups.require(pickupId);
    },

    'manifest.open': ({ pickupId, driverName }, ctx) => {
      const id = svc.db.transaction(() => manifests.open(pickupId, ctx.user?.id ?? null, driverName ?? null))();
      changed(pickupId);
      return manifests.get(id);
    },

    'manifest.get': ({ manifestId }) => manifests.get(manifestId),

    'manifest.scan': ({ manifestId, code }, ctx) => {
      const result = svc.db.transaction(() => {
        const scanned = manifests.scan(manifestId, code, ctx.user?.id ?? null);
        const parcel =
          scanned.verdict === 'expected'
            ? manifests.get(manifestId).expected.find((p) => p.packageId === scanned.packageId)
            : undefined;
        // A parcel whose label did not print or whose ship write is not queued does not leave: the scan is refused.
        const refusal = parcel ? svc.fulfillment.workflow.told.handoverBlocker(parcel.orderId) : null;
        if (refusal) throw new Conflict(refusal);
        return scanned;
      })();
      const manifest = manifests.get(manifestId);
      changed(manifest.pickupId);
      return { ...result, manifest };
    },

    'manifest.close': ({ manifestId, noPhotoReason }, ctx) => {
      const userId = ctx.user?.id ?? null;
      const manifest = svc.db.transaction(() => {
        const current = manifests.get(manifestId);
        if (current.state === 'closed') throw new Conflict(`Manifest ${manifestId} is already closed.`);
        if (current.scannedCount === 0)
          throw new Conflict('No parcel of this pickup was scanned: nothing to hand over.');
        if (current.photoIds.length === 0) {
          if (svc.settings.get('photos.required') === true)
            throw new Conflict('This station requires a handover photo before the manifest closes.');
          if (!noPhotoReason) throw new Conflict('Take the handover photo, or give the reason there is none.');
          svc.photos.recordMiss(noPhotoReason, { purpose: 'handover', manifestId, userId });
        }
        const now = svc.now();
        const orders = new OrderUpdates(svc.db);
        for (const parcel of current.expected.filter((p) => p.scanned)) {
          orders.handedOver(parcel.orderId, now);
          enqueueWrite(
            svc.db,
            {
              kind: 'handover.confirm',
              orderId: parcel.orderId,
              packageId: parcel.packageId,
              manifestId,
              handedOverAt: now,
            },
            meta(userId),
          );
        }
        pickups.close(current.pickupId, current.scannedCount);
        manifests.markClosed(manifestId, userId);
        svc.audit({
          action: 'manifest.close',
          userId,
          details: {
            manifestId,
            pickupId: current.pickupId,
            handedOver: current.scannedCount,
            expected: current.expectedCount,
            missing: current.missing.map((p) => p.packageId),
            foreign: current.foreign.map((s) => s.code),
            photoIds: current.photoIds,
            noPhotoReason: noPhotoReason ?? null,
          },
        });
        return manifests.get(manifestId);
      })();
      changed(manifest.pickupId);
      return manifest;
    },

    'manifest.print': ({ manifestId }) => {
      const manifest = manifests.get(manifestId);
      const locale = svc.settings.string('station.locale') === 'zh-CN' ? 'zh-CN' : 'en';
      const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
      return {
        html: manifestHtml(manifest, pickups.require(manifest.pickupId), {
          stationId: svc.stationId,
          locale,
          now: svc.now(),
          formatTime: (ms) => format.format(ms),
        }),
      };
    },
  };
}
