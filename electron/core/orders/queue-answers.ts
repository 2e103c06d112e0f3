import type { OrderQueue } from '../../../shared/contract/orders';
import type { OrderStore, QueueFilter } from './order-store';

/** Pages kept per database version: a few filters times the pages many screens scroll through (about 40 kB each). */
const KEEP = 256;

/**
 * orders.queue answers, each computed once per version of the database. Every desk's Orders screen, the LAN view and
 * the hub ask the same pages again and again while nothing changes; any write (this station's or another
 * connection's) starts a new version, so an answer is never older than the database it is given from.
 */
export class QueueAnswers {
  private mark = '';
  private facets: Pick<OrderQueue, 'carriers' | 'services'> | null = null;
  private readonly counts = new Map<string, number[]>();
  private readonly pages = new Map<string, OrderQueue>();

  constructor(private readonly store: OrderStore) {}

  answer(filter: QueueFilter & { offset: number; limit: number }): OrderQueue {
    const mark = this.store.changeMark();
    if (mark !== this.mark) {
      this.mark = mark;
      this.facets = null;
      this.counts.clear();
      this.pages.clear();
    }
    const filterKey = JSON.stringify([filter.carrier ?? null, filter.service ?? null]);
    const key = `${filterKey}${filter.offset}/${filter.limit}`;
    let answer = this.pages.get(key);
    if (!answer) {
      this.facets ??= this.store.queueFacets();
      let counts = this.counts.get(filterKey);
      if (!counts) this.counts.set(filterKey, (counts = this.store.queueCounts(filter)));
      const page = this.store.queue(filter, filter, counts);
      answer = { orders: page.rows, offset: filter.offset, total: page.total, ...this.facets };
      // Oldest first out: a Map iterates in insertion order.
      if (this.pages.size >= KEEP) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, answer);
    }
    return answer;
  }
}
