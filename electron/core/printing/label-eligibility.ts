import type { OrderStore } from '../orders';
import { LABEL_STATES } from './printable-orders';
import type { PrintingDeps } from './printing-deps';

/** Whether an order may get its first label now: verified, not labelled yet, and nothing else blocking it. */
export function labelEligibility(
  orders: OrderStore,
  facts: PrintingDeps['facts'],
  orderId: string,
): { state: string; problem: string | null } {
  const order = orders.get(orderId);
  if (!order) return { state: 'missing', problem: `Order ${orderId} is not on this station.` };
  if (order.stationState === 'labelled' || order.stationState === 'handed_over')
    return {
      state: order.stationState,
      problem: `Order ${orderId} already has its label: use Reprint for another copy.`,
    };
  if (!LABEL_STATES.includes(order.stationState))
    return {
      state: order.stationState,
      problem: `Order ${orderId} is not verified (${order.stationState}): scan all its items first, or a supervisor overrides.`,
    };
  return { state: order.stationState, problem: facts.blocker(orderId) };
}
