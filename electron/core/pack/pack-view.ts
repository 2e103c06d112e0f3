import type { PackView } from '../../../shared/contract/pack';
import type { Order } from '../../../shared/domain/orders/order';
import { isComplete, type Verification } from '../../../shared/domain/scan/verification';
import type { SessionRow } from './pack-store';

/** The order on the pack screen: what the packer reads, with its verification; complete once its session closed so. */
export function packView(session: SessionRow, order: Order, verification: Verification): PackView {
  return {
    sessionId: session.id,
    state: session.state,
    openedAt: session.openedAt,
    order: {
      id: order.id,
      status: order.status,
      carrier: order.carrier,
      service: order.service,
      deliveryOptionName: order.deliveryOptionName,
      buyerMessage: order.buyerMessage,
      recipientName: order.recipient.name,
      isCod: order.isCod,
      packBy: order.packBy,
    },
    verification,
    complete: session.state === 'completed' || session.state === 'overridden' || isComplete(verification),
  };
}
