import type { ordersCalls } from '../../../shared/contract/orders';
import type { HandlersFor } from '../contract/dispatch';
import type { StationServices } from '../station/services';
import { OrderStore } from './order-store';
import { QueueAnswers } from './queue-answers';
import { NotFound } from '../errors/domain-errors';

export function ordersHandlers(svc: Pick<StationServices, 'audit' | 'db' | 'pull'>): HandlersFor<typeof ordersCalls> {
  const store = new OrderStore(svc.db);
  const queue = new QueueAnswers(store);
  return {
    'orders.queue': (filter) => queue.answer(filter),
    'orders.get': ({ id }) => {
      const order = store.get(id);
      if (!order) throw new NotFound(`There is no order ${id} at this station.`);
      return order;
    },
    'orders.pullNow': async (_input, ctx) => {
      const summary = await svc.pull.pullNow('manual');
      svc.audit({
        action: 'orders.pullNow',
        userId: ctx.user?.id ?? null,
        details: { pullId: summary.id, outcome: summary.outcome, inserted: summary.inserted, updated: summary.updated },
      });
      return summary;
    },
    'marketplace.status': () => svc.pull.status(),
    'orders.unreadable': () => ({ orders: svc.pull.unreadable() }),
  };
}
