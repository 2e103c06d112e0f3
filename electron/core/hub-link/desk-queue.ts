import type { StationState } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';
import { OrderStore } from '../orders/order-store';
import type { LeasedOrder, RenewAnswer } from './api';
import { HubLinkError, type HubLink } from './hub-link';

/** Station states of an order the desk has finished packing. */
const FINISHED: ReadonlySet<StationState> = new Set<StationState>(['packed', 'labelled', 'handed_over']);

export interface DeskRefresh {
  /** The orders this desk holds at the hub now (its standing batch and the ones open at it). */
  held: string[];
  /** Orders the desk held before that are gone: taken by another desk, expired, packed or closed upstream. */
  lost: RenewAnswer['lost'];
  /** The hub could not be reached: the desk goes on with what it holds. */
  offline: boolean;
}

/**
 * A joined desk's queue: the orders it holds at the hub, kept in its own SQLite exactly as a pull would store them,
 * so the desk goes on packing them when the hub or the network is gone. Each refresh renews the desk's leases, tops
 * its standing batch up and stores what it holds; a lease lost meanwhile is reported before anything of it is written.
 */
export class DeskQueue {
  private readonly orders: OrderStore;
  private held = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly link: HubLink,
    private readonly now: () => number = Date.now,
  ) {
    this.orders = new OrderStore(db);
  }

  holds(orderId: string): boolean {
    return this.held.has(orderId);
  }

  async refresh(batchSize?: number): Promise<DeskRefresh> {
    let lost: RenewAnswer['lost'] = [];
    let leased: LeasedOrder[];
    try {
      lost = await this.releaseFinished();
      if (this.held.size > 0) lost.push(...(await this.link.renew([...this.held])).lost);
      leased = await this.link.batch(batchSize);
    } catch (error) {
      if (error instanceof HubLinkError && error.kind === 'offline') return { held: [...this.held], lost: [], offline: true };
      throw error;
    }
    this.store(leased);
    this.held = new Set(leased.map((entry) => entry.order.id));
    return { held: [...this.held], lost, offline: false };
  }

  /**
   * Ends the leases of held orders this desk has finished (packed or later: done) or put on hold, so the hub takes
   * them out of the queue and the batch makes room for new ones. An order another desk holds by now is reported lost.
   */
  private async releaseFinished(): Promise<RenewAnswer['lost']> {
    const lost: RenewAnswer['lost'] = [];
    for (const orderId of [...this.held]) {
      const order = this.orders.get(orderId);
      const outcome = order && FINISHED.has(order.stationState) ? 'done' : order?.stationState === 'held' ? 'held' : null;
      if (!order || !outcome) continue;
      const answer = await this.link.release({ orderId, outcome, reason: order.holdReason });
      this.held.delete(orderId);
      if (!answer.ok && answer.refusal.reason === 'leased') lost.push({ orderId, heldBy: answer.refusal.deskId, since: answer.refusal.since, state: 'queued' });
    }
    return lost;
  }

  /** Stores an order this desk just claimed (opened by a packer), so it is packed from the desk's own database. */
  keep(leased: LeasedOrder): void {
    this.store([leased]);
    this.held.add(leased.order.id);
  }

  private store(leased: readonly LeasedOrder[]): void {
    if (leased.length === 0) return;
    // The hub keeps the order as the station models it; that model is also the record kept as "raw" here.
    this.db.transaction(() => this.orders.upsertFromMarketplace(leased.map((entry) => ({ order: entry.order, raw: entry.order })), this.now()))();
  }
}
