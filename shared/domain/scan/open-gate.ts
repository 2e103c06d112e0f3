/** Why an order cannot be opened for packing at this desk; the UI translates the reason. */
export type OpenRefusal =
  | { reason: 'cancelled' | 'already_packed' | 'shipped' | 'not_ready' }
  | { reason: 'on_hold'; detail: string }
  | { reason: 'open_elsewhere'; detail: string };

export interface OrderGateFacts {
  status: string;
  stationState: string;
  openAtStation: string | null;
  holdReason: string | null;
}

const SHIPPED_STATUSES = new Set(['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED']);
const PAYABLE_STATUSES = new Set(['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);

/** Null when the order may be opened here; else the first reason it may not, most final first. */
export function openRefusal(order: OrderGateFacts, stationId: string): OpenRefusal | null {
  if (order.status === 'CANCELLED' || order.stationState === 'cancelled') return { reason: 'cancelled' };
  if (
    SHIPPED_STATUSES.has(order.status) ||
    order.stationState === 'handed_over' ||
    order.stationState === 'shipped_elsewhere'
  )
    return { reason: 'shipped' };
  if (order.stationState === 'packed' || order.stationState === 'labelled') return { reason: 'already_packed' };
  if (order.stationState === 'held') return { reason: 'on_hold', detail: order.holdReason ?? 'other' };
  if (!PAYABLE_STATUSES.has(order.status)) return { reason: 'not_ready' };
  if (order.stationState === 'packing' && order.openAtStation && order.openAtStation !== stationId)
    return { reason: 'open_elsewhere', detail: order.openAtStation };
  return null;
}
