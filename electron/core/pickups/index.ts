// The pickups feature's public entry: handovers, manifests, the marketplace's handover slots, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { tiktokHandoverSlots, type HandoverSlotSource } from './handover-slots';
export { PickupStore } from './pickup-store';
export { pickupsHandlers } from './pickups-handlers';
