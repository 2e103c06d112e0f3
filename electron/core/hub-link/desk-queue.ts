import type { StationState } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';
import { OrderStore, PullStore } from '../orders';
import type { ClaimAnswer, LeasedOrder, RenewAnswer } from './api';
import { HubLinkError, type HubLink } from './hub-link';

/** Station states of an order the desk has finished packing. */
const FINISHED: ReadonlySet<StationState> = new Set<StationState>(['packed', 'labelled', 'handed_over']);

/** An order the desk held that is no longer its own, with who has it now and its state at the hub. */
export type LostOrder = Omit<RenewAnswer['lost'][number], 'order'>;

export interface DeskRefresh {
  /** The orders this desk holds at the hub now (its standing batch and the ones open at it). */
  held: string[];
  /** Orders the desk held before that are gone: taken by another desk, expired, packed or closed upstream. */
  lost: LostOrder[];
  /** The hub could not be reached: the desk goes on with what it holds. */
  offline: boolean;
}

export type OpenVerdict =
  | { ok: true; orderId: string; offline: boolean }
  | { ok: false; reason: 'leased'; message: string; deskId: string; since: number }
  | {
      ok: false;
      reason: 'not_queued' | 'unknown_order' | 'offline_not_held' | 'offline_lease_expired';
      message: string;
    };

/** The most order ids one renewal names (the hub's RenewRequest). */
const RENEW_LIMIT = 500;

/** Cut off from the hub, a desk stops opening a held order this long before its lease ends (clocks drift a little). */
export const OFFLINE_MARGIN_MS = 60_000;

/**
 * A joined desk's queue: the orders it holds at the hub, kept in its own SQLite exactly as a pull would store them,
 * so the desk goes on packing them when the hub or the network is gone. Each refresh renews the desk's leases, tops
 * its standing batch up and stores what it holds; a lease lost meanwhile is reported before anything of it is written.
 */
export class DeskQueue {
  private readonly orders: OrderStore;
  private readonly catalogue: PullStore;
  /** Order id -> when its lease ends at the hub (the hub's clock; desks keep theirs in time with NTP). */
  private held = new Map<string, number>();
  /** Until the first refresh that reaches the hub: the leases this desk held before it started are unknown. */
  private recovered = false;

  constructor(
    private readonly db: Db,
    private readonly link: HubLink,
    private readonly now: () => number = Date.now,
  ) {
    this.orders = new OrderStore(db);
    this.catalogue = new PullStore(db);
  }

  holds(orderId: string): boolean {
    return this.held.has(orderId);
  }

  async refresh(batchSize?: number): Promise<DeskRefresh> {
    let lost: RenewAnswer['lost'] = [];
    let leased: LeasedOrder[];
    try {
      lost = await this.releaseFinished();
      const mine = new Set([...this.held.keys(), ...(this.recovered ? [] : this.waitingHere())]);
      if (mine.size > 0) lost.push(...(await this.link.renew([...mine])).lost);
      leased = await this.link.batch(batchSize);
    } catch (error) {
      if (error instanceof HubLinkError && error.kind === 'offline')
        return { held: [...this.held.keys()], lost: [], offline: true };
      throw error;
    }
    this.store(leased);
    this.held = new Map(leased.map((entry) => [entry.order.id, entry.lease.expiresAt]));
    this.takenElsewhere(lost);
    this.closedUpstream(lost);
    this.recovered = true;
    return {
      held: [...this.held.keys()],
      lost: lost.map(({ orderId, heldBy, since, state }) => ({ orderId, heldBy, since, state })),
      offline: false,
    };
  }

  /**
   * The orders waiting in this desk's own queue (up to the hub's renewal limit). A desk that starts again (after a
   * crash or an outage) renews them all at its first refresh: the ones another desk took or packed meanwhile are
   * reported lost and leave its queue before a packer can open any of them.
   */
  private waitingHere(): string[] {
    return this.orders
      .queue({}, { offset: 0, limit: Math.max(0, RENEW_LIMIT - this.held.size) })
      .rows.filter((row) => !this.held.has(row.id))
      .map((row) => row.id);
  }

  /**
   * Ends the leases of held orders this desk has finished (packed or later: done) or put on hold, so the hub takes
   * them out of the queue and the batch makes room for new ones. An order another desk holds by now is reported lost;
   * one closed upstream meanwhile (cancelled while this desk was cut off) stays held until the renewal that follows,
   * which hands over the hub's record of it.
   */
  private async releaseFinished(): Promise<RenewAnswer['lost']> {
    const lost: RenewAnswer['lost'] = [];
    for (const orderId of [...this.held.keys()]) {
      const order = this.orders.get(orderId);
      const outcome =
        order && FINISHED.has(order.stationState) ? 'done' : order?.stationState === 'held' ? 'held' : null;
      if (!order || !outcome) continue;
      const answer = await this.link.release({ orderId, outcome, reason: order.holdReason });
      if (!answer.ok && answer.refusal.reason === 'not_queued') continue;
      this.held.delete(orderId);
      if (!answer.ok && answer.refusal.reason === 'leased')
        lost.push({ orderId, heldBy: answer.refusal.deskId, since: answer.refusal.since, state: 'queued' });
    }
    return lost;
  }

  /**
   * A packer opens an order by a scanned code: claimed at the hub (refused when another desk has it, naming that desk
   * and since when). Cut off from the hub, the desk opens only an order it holds, and says so otherwise.
   */
  async open(code: string, packer: string | null = null): Promise<OpenVerdict> {
    let answer: ClaimAnswer;
    try {
      answer = await this.link.claim({ code, packer });
    } catch (error) {
      if (!(error instanceof HubLinkError) || error.kind !== 'offline') throw error;
      const orderId = this.heldOrderFor(code);
      // Past its lease's end the hub may give the order to another desk: offline, the desk stops a little before.
      if (orderId && this.held.get(orderId)! - OFFLINE_MARGIN_MS > this.now())
        return { ok: true, orderId, offline: true };
      if (orderId) {
        return {
          ok: false,
          reason: 'offline_lease_expired',
          message: `The warehouse hub cannot be reached and this desk's hold on order ${orderId} has run out: another desk may be packing it. It opens again once the hub is back.`,
        };
      }
      return {
        ok: false,
        reason: 'offline_not_held',
        message: `The warehouse hub cannot be reached, and this desk does not hold "${code.trim()}": another desk may be packing it. Pack one of the ${this.held.size} orders this desk holds until the hub is back.`,
      };
    }
    if (answer.ok) {
      this.keep(answer.leased);
      return { ok: true, orderId: answer.leased.order.id, offline: false };
    }
    const refusal = answer.refusal;
    if (refusal.reason === 'leased') {
      return {
        ok: false,
        reason: 'leased',
        message: `Order open at desk ${refusal.deskId} since ${new Date(refusal.since).toISOString()}.`,
        deskId: refusal.deskId,
        since: refusal.since,
      };
    }
    if (refusal.reason === 'not_queued') {
      this.packedElsewhere(code, refusal.doneBy);
      if (refusal.state === 'closed' && (await this.learnClosed(code)) === 'CANCELLED')
        return { ok: false, reason: 'not_queued', message: 'TikTok cancelled this order: it is not to pack.' };
      return { ok: false, reason: 'not_queued', message: `This order is not to pack any more (${refusal.state}).` };
    }
    return { ok: false, reason: 'unknown_order', message: `No order to pack has the code "${code.trim()}".` };
  }

  /** Orders another desk holds now leave this desk's queue before anything more of them is written here. */
  private takenElsewhere(lost: RenewAnswer['lost']): void {
    const taken = lost.filter((gone) => gone.heldBy !== null && gone.heldBy !== this.link.deskId);
    if (taken.length === 0) return;
    this.db.transaction(() => {
      for (const gone of taken) this.orders.markHolderDesk(gone.orderId, gone.heldBy!, this.link.deskId);
    })();
  }

  /**
   * Orders closed upstream (TikTok cancelled them, or they shipped elsewhere) are stored as the hub has them now, as
   * this desk's own pull would store them: a cancelled one is cancelled here whatever the desk did with it, leaves the
   * queue, and the station's refresh reports it changed, so a packer who has it open is stopped as at a desk alone.
   */
  private closedUpstream(lost: RenewAnswer['lost']): void {
    const closed = lost.flatMap((gone) => (gone.order ? [{ order: gone.order, raw: gone.order }] : []));
    if (closed.length > 0) this.orders.upsertFromMarketplace(closed, this.now());
  }

  /**
   * A scanned order the hub says closed upstream leaves this desk's queue at once, stored as the hub has it; the desk
   * goes on holding it until its next refresh, which reports it so the station cancels what it began of it. Answers
   * the order's marketplace status now, or null when the desk does not have it or the hub did not answer.
   */
  private async learnClosed(code: string): Promise<string | null> {
    const orderId = this.localOrderFor(code);
    if (!orderId) return null;
    try {
      this.closedUpstream((await this.link.renew([orderId])).lost);
    } catch (error) {
      if (!(error instanceof HubLinkError) || error.kind !== 'offline') throw error;
      return null;
    }
    return this.orders.get(orderId)?.status ?? null;
  }

  /** The order of this desk's own database a code names: its id, or a held order's package or tracking number. */
  private localOrderFor(code: string): string | null {
    return this.orders.get(code.trim()) ? code.trim() : this.heldOrderFor(code);
  }

  /** An order another desk packed leaves this desk's queue, shown at that desk, as one it took would. */
  private packedElsewhere(code: string, doneBy: string | null): void {
    const orderId = this.localOrderFor(code);
    if (!orderId || !doneBy || doneBy === this.link.deskId) return;
    this.held.delete(orderId);
    this.db.transaction(() => this.orders.markHolderDesk(orderId, doneBy, this.link.deskId))();
  }

  /** The held order a code names: its id, one of its packages, or a tracking number. */
  private heldOrderFor(code: string): string | null {
    const key = code.trim().toUpperCase();
    for (const orderId of this.held.keys()) {
      const order = this.orders.get(orderId);
      if (!order) continue;
      const codes = [order.id, ...order.packages.flatMap((pkg) => [pkg.id, pkg.trackingNumber ?? ''])].map((value) =>
        value.toUpperCase(),
      );
      if (codes.includes(key)) return orderId;
    }
    return null;
  }

  /** Stores an order this desk just claimed (opened by a packer), so it is packed from the desk's own database. */
  keep(leased: LeasedOrder): void {
    this.store([leased]);
    this.held.set(leased.order.id, leased.lease.expiresAt);
  }

  private store(leased: readonly LeasedOrder[]): void {
    if (leased.length === 0) return;
    // The hub keeps the order as the station models it; that model is also the record kept as "raw" here.
    const at = this.now();
    this.db.transaction(() => {
      // Barcodes first: the order's lines find their SKUs' codes as a pull of its own would have left them.
      for (const product of leased.flatMap((entry) => entry.products))
        this.catalogue.saveProduct(product.productId, product.title, product.skus, at);
      this.orders.upsertFromMarketplace(
        leased.map((entry) => ({ order: entry.order, raw: entry.order })),
        at,
      );
      // An order another desk held before is this desk's again (its lease there ended).
      for (const entry of leased) this.orders.markHolderDesk(entry.order.id, this.link.deskId, this.link.deskId);
    })();
  }
}
