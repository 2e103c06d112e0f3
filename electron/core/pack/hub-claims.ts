import type { SessionUser } from '../../../shared/contract';
import type { PackResult } from '../../../shared/contract/pack';
import type { EntrySource } from '../../../shared/domain/scan/entry';
import { openRefusal } from '../../../shared/domain/scan/open-gate';
import { verdict } from '../../../shared/domain/scan/verification';
import { Conflict, Unavailable } from '../errors/domain-errors';
import { type DeskQueue, HubLinkError } from '../hub-link';
import type { Emit, PackBench } from './pack-bench';

/** When another desk took an order: to the minute, in the hub's clock (UTC), which every desk shares. */
const sinceText = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What a joined desk's claim at its hub came to: the order to open here, or the answer the packer gets instead. */
export type Claimed = { orderId: string } | { refused: PackResult } | { unknown: true };

/**
 * At a desk joined to a warehouse hub an order is claimed there before it opens here. Held by another desk, it is
 * refused with that desk's name and since when, and leaves this desk's queue. Otherwise refused, an order this desk
 * knows opens through the local checks (they say why: packed, cancelled, open at another desk...); else the hub's
 * reason is the answer.
 */
export async function claim(
  bench: PackBench,
  desk: DeskQueue,
  user: SessionUser,
  code: string,
  source: EntrySource,
  localOrderId: string | null,
): Promise<Claimed> {
  const claimed = await claimAtHub(desk, user, code);
  if (claimed.ok) return { orderId: claimed.orderId };
  if (claimed.reason === 'leased') {
    const refused = bench.transact((emit) => {
      if (localOrderId) takenElsewhere(bench, localOrderId, claimed.deskId, emit);
      const answer = verdict('order_refused', {
        orderId: localOrderId ?? code,
        reason: 'open_elsewhere',
        detail: `${claimed.deskId} since ${sinceText(claimed.since)}`,
      });
      bench.store.recordScan({
        ...bench.eventBase(user, source, code),
        orderId: localOrderId,
        sessionId: null,
        verdict: answer.kind,
      });
      return { verdict: answer, view: bench.current() };
    });
    return { refused };
  }
  const gate = localOrderId ? bench.store.orderGate(localOrderId) : null;
  if (localOrderId && gate && openRefusal(gate, bench.deps.stationId)) return { orderId: localOrderId };
  if (claimed.reason === 'unknown_order' && !localOrderId) return { unknown: true };
  throw claimed.reason === 'not_queued' || claimed.reason === 'unknown_order'
    ? new Conflict(claimed.message)
    : new Unavailable(claimed.message);
}

/** The hub's answer to a claim; a hub that answers but refuses the desk itself (token, protocol) is not a packing refusal. */
export async function claimAtHub(desk: DeskQueue, user: SessionUser, code: string) {
  try {
    return await desk.open(code, user.name);
  } catch (error) {
    if (error instanceof HubLinkError) throw new Unavailable(`The warehouse hub refused this desk: ${error.message}`);
    throw error;
  }
}

/** Another desk holds the order at the hub: it leaves this desk's queue, shown open at that desk. */
export function takenElsewhere(bench: PackBench, orderId: string, deskId: string, emit: Emit): void {
  bench.orders.markHolderDesk(orderId, deskId, bench.deps.stationId);
  const order = bench.orders.get(orderId);
  if (order) emit('pack.changed', { orderId, stationState: order.stationState });
}
