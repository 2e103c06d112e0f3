import type { OrderQueue, QueueRow } from '../../../shared/contract/orders';
import { withJson } from '../contract/answer-json';
import type { OrderStore, QueueFilter } from './order-store';

/** Pages kept per database version: a few filters times the pages many screens scroll through (about 30 kB each). */
const KEEP = 256;
/**
 * Rows are read from the database in aligned blocks of this many, shared by every page that overlaps them: the Orders
 * list asks overlapping pages (75 rows at multiples of 25), so reading per page read most rows three times.
 */
const BLOCK = 100;
/** Blocks kept per database version: 20,000 rows of each filter's first pages (about 8 MB at most). */
const KEEP_BLOCKS = 200;

interface Block {
  rows: QueueRow[];
  /** JSON.stringify of each row, made once per block: a page's JSON is its rows' joined. */
  json: string[];
}

/**
 * orders.queue answers, each computed once per version of the database. Every desk's Orders screen, the LAN view and
 * the hub ask the same pages again and again while nothing changes; any write (this station's or another
 * connection's) starts a new version, so an answer is never older than the database it is given from. Each answer
 * carries its JSON (contract/answer-json.ts), so the station server sends a page again without serialising it again.
 */
export class QueueAnswers {
  private mark = '';
  private facets: { json: string; value: Pick<OrderQueue, 'carriers' | 'services'> } | null = null;
  private readonly counts = new Map<string, number[]>();
  private readonly blocks = new Map<string, Block>();
  private readonly pages = new Map<string, OrderQueue>();

  constructor(private readonly store: OrderStore) {}

  answer(filter: QueueFilter & { offset: number; limit: number }): OrderQueue {
    const mark = this.store.changeMark();
    if (mark !== this.mark) {
      this.mark = mark;
      this.facets = null;
      this.counts.clear();
      this.blocks.clear();
      this.pages.clear();
    }
    const filterKey = JSON.stringify([filter.carrier ?? null, filter.service ?? null]);
    const key = `${filterKey}${filter.offset}/${filter.limit}`;
    let answer = this.pages.get(key);
    if (!answer) {
      answer = this.page(filterKey, filter);
      // Oldest first out: a Map iterates in insertion order.
      if (this.pages.size >= KEEP) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, answer);
    }
    return answer;
  }

  private page(filterKey: string, filter: QueueFilter & { offset: number; limit: number }): OrderQueue {
    if (!this.facets) {
      const value = this.store.queueFacets();
      this.facets = { value, json: JSON.stringify(value).slice(1, -1) };
    }
    let counts = this.counts.get(filterKey);
    if (!counts) this.counts.set(filterKey, (counts = this.store.queueCounts(filter)));
    const total = counts.reduce((sum, count) => sum + count, 0);
    const rows: QueueRow[] = [];
    const json: string[] = [];
    const end = Math.min(total, filter.offset + filter.limit);
    for (let at = filter.offset; at < end; ) {
      const start = at - (at % BLOCK);
      const block = this.block(filterKey, filter, start, counts);
      const from = at - start;
      const to = Math.min(block.rows.length, end - start);
      // A block shorter than asked: the queue ends there.
      if (to <= from) break;
      rows.push(...block.rows.slice(from, to));
      json.push(...block.json.slice(from, to));
      at = start + to;
    }
    const value: OrderQueue = { orders: rows, offset: filter.offset, total, ...this.facets.value };
    // The same keys in the same order as JSON.stringify(value) writes them.
    const text = `{"orders":[${json.join(',')}],"offset":${filter.offset},"total":${total},${this.facets.json}}`;
    return withJson(value, text);
  }

  private block(filterKey: string, filter: QueueFilter, start: number, counts: readonly number[]): Block {
    const key = `${filterKey}${start}`;
    let block = this.blocks.get(key);
    if (!block) {
      const { rows } = this.store.queue(filter, { offset: start, limit: BLOCK }, counts);
      block = { rows, json: rows.map((row) => JSON.stringify(row)) };
      if (this.blocks.size >= KEEP_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
      this.blocks.set(key, block);
    }
    return block;
  }
}
