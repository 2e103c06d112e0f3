import type { PickupSlot } from '../../../shared/contract/sync';
import type { Db } from '../db/database';
import type { TikTokShopClient } from '../marketplace';

export interface HandoverOptions {
  canPickup: boolean;
  canDropOff: boolean;
  slots: Array<PickupSlot & { available: boolean }>;
}

/** Where the Pickups screen gets the marketplace's handover slots for a TikTok-shipped package; throws the client's MarketplaceError. */
export type HandoverSlotSource = (ref: { orderId: string; packageId: string }) => Promise<HandoverOptions>;

export function tiktokHandoverSlots(client: TikTokShopClient, db: Db): HandoverSlotSource {
  return async ({ orderId, packageId }) => {
    const row = db.prepare('SELECT shop_id FROM orders WHERE id = ?').get(orderId) as { shop_id: string } | undefined;
    if (!row) throw new Error(`order ${orderId} is not in the station database`);
    const answer = await client.getHandoverTimeSlots(row.shop_id, packageId);
    return {
      canPickup: answer.can_pickup,
      canDropOff: answer.can_drop_off,
      slots: answer.pickup_slots.map((slot) => ({
        start: slot.start_time * 1000,
        end: slot.end_time * 1000,
        available: slot.avaliable,
      })),
    };
  };
}
