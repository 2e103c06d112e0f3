import { type EventName, type EventPayload, type SessionUser } from '../../../shared/contract';
import type { PackResult, PackView } from '../../../shared/contract/pack';
import type { Order } from '../../../shared/domain/orders/order';
import type { EntrySource } from '../../../shared/domain/scan/entry';
import { buildPackLines, verificationOf, type PackRules } from '../../../shared/domain/scan/pack-lines';
import { verdict, type Reduction, type Verdict, type Verification } from '../../../shared/domain/scan/verification';
import { NotFound } from '../errors/domain-errors';
import { OrderStore, OrderUpdates } from '../orders';
import type { StationServices } from '../station/services';
import { PackStore, type SessionRow } from './pack-store';
import { packView } from './pack-view';

/** What packing uses of the station: never the marketplace, the sandbox or the printer directly. */
export type PackDeps = Pick<
  StationServices,
  'db' | 'bus' | 'settings' | 'users' | 'fulfillment' | 'hubDesk' | 'stationId' | 'now' | 'audit'
>;

export interface Loaded {
  session: SessionRow;
  order: Order;
  verification: Verification;
}

export type Emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/**
 * The desk's bench: the open session, and the few steps every pack action is made of. Every action runs in one
 * transaction that records the scan event, the state it changes and the audit row together; events go out only after
 * the commit, so no listener sees a change that could still roll back.
 */
export class PackBench {
  readonly store: PackStore;
  readonly orders: OrderStore;
  /** The orders feature's side of packing: the order's state at this desk. */
  readonly orderUpdates: OrderUpdates;

  constructor(readonly deps: PackDeps) {
    this.store = new PackStore(deps.db);
    this.orders = new OrderStore(deps.db);
    this.orderUpdates = new OrderUpdates(deps.db);
  }

  openSession(): SessionRow | null {
    return this.store.openSessionAt(this.deps.stationId);
  }

  current(): PackView | null {
    const session = this.openSession();
    return session ? this.view(this.load(session)) : null;
  }

  transact<T>(fn: (emit: Emit) => T): T {
    const pending: Array<() => void> = [];
    const emit: Emit = (name, payload) => pending.push(() => this.deps.bus.emit(name, payload));
    const result = this.deps.db.transaction(() => fn(emit))();
    for (const send of pending) send();
    return result;
  }

  load(session: SessionRow): Loaded {
    const order = this.orders.get(session.orderId);
    if (!order) throw new NotFound(`Order ${session.orderId} is no longer in the database.`);
    const codes = this.store.codesForSkus([...new Set(order.lines.map((line) => line.skuId))]);
    const lines = buildPackLines(order, codes, this.rules());
    return { session, order, verification: verificationOf(order.id, lines, session.progress) };
  }

  view(loaded: Loaded): PackView {
    return packView(loaded.session, loaded.order, loaded.verification);
  }

  withSession(user: SessionUser, source: EntrySource, code: string, fn: (loaded: Loaded) => PackResult): PackResult {
    const session = this.openSession();
    return session ? fn(this.load(session)) : this.refuse(user, 'no_order', source, code);
  }

  /** A refusal that changes nothing but is still part of the record (what was scanned, and what the packer was told). */
  refuse(
    user: SessionUser,
    kind: Verdict['kind'],
    source: EntrySource,
    code: string,
    session: SessionRow | null = null,
  ): PackResult {
    const answer = verdict(kind, { orderId: session?.orderId ?? null });
    this.transact(() =>
      this.store.recordScan({
        ...this.eventBase(user, source, code),
        orderId: session?.orderId ?? null,
        sessionId: session?.id ?? null,
        verdict: kind,
      }),
    );
    return { verdict: answer, view: session ? this.view(this.load(session)) : null };
  }

  record(
    user: SessionUser,
    session: SessionRow,
    source: EntrySource,
    code: string,
    answer: Verdict,
    amount: number | null = null,
  ): void {
    this.store.recordScan({
      ...this.eventBase(user, source, code),
      orderId: session.orderId,
      sessionId: session.id,
      verdict: answer.kind,
      lineKey: answer.lineKey,
      amount,
    });
  }

  eventBase(user: SessionUser, source: EntrySource, code: string) {
    return { at: this.deps.now(), stationId: this.deps.stationId, userId: user.id, source, code };
  }

  /** Records a reduction: the scan event, the new progress, serials, and completion when it finished the order. */
  apply(
    user: SessionUser,
    loaded: Loaded,
    reduction: Reduction,
    source: EntrySource,
    code: string,
    emit: Emit,
  ): PackResult {
    const { session } = loaded;
    const { verdict: answer, step } = reduction;
    this.record(user, session, source, code, answer, step?.amount ?? null);
    if (reduction.verification === loaded.verification) return { verdict: answer, view: this.view(loaded) };
    this.store.saveProgress(session.id, reduction.verification.progress);
    const line = step ? reduction.verification.lines.find((candidate) => candidate.key === step.lineKey) : undefined;
    if (step?.serial && line) {
      if (answer.kind === 'undone') this.store.removeSerial(session.id, line.skuId, step.serial);
      else this.store.addSerial(session.id, session.orderId, line.skuId, step.serial, user.id, this.deps.now());
    }
    const next: Loaded = {
      ...loaded,
      session: { ...session, progress: reduction.verification.progress },
      verification: reduction.verification,
    };
    if (answer.complete && answer.kind !== 'undone') {
      this.complete(user, next, false, emit);
      return { verdict: answer, view: this.view(this.load(this.store.session(session.id)!)) };
    }
    return { verdict: answer, view: this.view(next) };
  }

  complete(user: SessionUser, loaded: Loaded, overridden: boolean, emit: Emit): void {
    const { orderId } = loaded.session;
    this.store.closeSession(loaded.session.id, overridden ? 'overridden' : 'completed', this.deps.now());
    this.orderUpdates.packed(orderId, user.id, this.deps.now());
    // The ship write the packed parcel owes is queued in this same transaction.
    this.deps.fulfillment.workflow.packed(orderId, user.id);
    this.deps.audit({
      action: 'pack.completed',
      userId: user.id,
      orderId,
      details: { sessionId: loaded.session.id, overridden },
    });
    emit('pack.completed', { orderId, stationId: this.deps.stationId, overridden });
    emit('pack.changed', { orderId, stationState: 'packed' });
  }

  /** Takes an open order off this desk and back to the queue, keeping its recorded scans. */
  release(user: SessionUser, session: SessionRow, state: 'cancelled', emit: Emit): void {
    this.store.closeSession(session.id, state, this.deps.now());
    this.orderUpdates.queued(session.orderId);
    this.deps.audit({
      action: 'pack.cancelled',
      userId: user.id,
      orderId: session.orderId,
      details: { sessionId: session.id, steps: session.progress.steps.length },
    });
    emit('pack.changed', { orderId: session.orderId, stationState: 'queued' });
  }

  private rules(): PackRules {
    const serialSkus = this.deps.settings
      .string('pack.serialSkus')
      .split(',')
      .map((sku) => sku.trim())
      .filter((sku) => sku.length > 0);
    return { bulkMinQuantity: this.deps.settings.number('pack.bulkMinQuantity'), serialSkus };
  }
}
