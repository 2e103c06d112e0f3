import type { SessionUser } from '../../../shared/contract';
import type { PackResult, PackView } from '../../../shared/contract/pack';
import type { Order } from '../../../shared/domain/orders/order';
import { COMMAND_BARCODES, COMMAND_PREFIX, type Command, type HoldReason } from '../../../shared/domain/scan/commands';
import { classifyEntry, type EntrySource } from '../../../shared/domain/scan/entry';
import type { ScannedCode } from '../../../shared/domain/scan/normalize';
import { openRefusal } from '../../../shared/domain/scan/open-gate';
import type { ScannerConfig } from '../../../shared/domain/scan/scanner-detector';
import { findLine, reduce, verdict, type PackAction } from '../../../shared/domain/scan/verification';
import { Conflict, InvalidRequest, NotFound, Unavailable } from '../errors/domain-errors';
import { claim, claimAtHub, takenElsewhere } from './hub-claims';
import type { Loaded, PackBench } from './pack-bench';

/** What a hold is recorded as: the command barcode for its reason, whether it was scanned or chosen on screen. */
const holdCode = (reason: HoldReason) =>
  COMMAND_BARCODES.find((entry) => entry.command.name === 'HOLD' && entry.command.reason === reason)!.code;

/** How many queued orders "next" tries to claim at the hub before it says the queue is empty. */
const NEXT_CLAIMS = 10;

/**
 * The pack screen's station side for the packer: the queue, opening an order (claimed at the hub first at a joined
 * desk), scans and commands, holds. Supervisor actions are in supervised.ts; the steps they share in pack-bench.ts.
 */
export class PackService {
  constructor(private readonly bench: PackBench) {}

  private get deps() {
    return this.bench.deps;
  }

  scannerConfig(): ScannerConfig {
    const suffix = this.deps.settings.string('pack.scanSuffix') === 'Tab' ? 'Tab' : 'Enter';
    return {
      suffix,
      minLength: this.deps.settings.number('pack.scanMinLength'),
      maxGapMs: this.deps.settings.number('pack.scanMaxGapMs'),
    };
  }

  queue(filter: { carrier?: string | undefined; service?: Order['service'] | undefined }) {
    return { orders: this.bench.store.queue(filter), carriers: this.bench.store.queueCarriers() };
  }

  holds() {
    return this.bench.store.openHolds();
  }

  /** The order this desk packed last: the pack screen shows its label. */
  lastPackedOrder(): string | null {
    return this.bench.store.lastClosedAt(this.deps.stationId)?.orderId ?? null;
  }

  current(): PackView | null {
    return this.bench.current();
  }

  async scan(user: SessionUser, text: string, source: EntrySource): Promise<PackResult> {
    const session = this.bench.openSession();
    const loaded = session ? this.bench.load(session) : null;
    const entry = classifyEntry(text, source, loaded?.verification ?? null);
    switch (entry.type) {
      case 'rejected':
        throw new InvalidRequest(`That is not a barcode (${entry.reason}).`);
      case 'ignored':
        throw new InvalidRequest('Keys typed outside the entry field are only read as a quantity.');
      case 'command':
        return this.command(user, entry.command, entry.text, source);
      case 'quantity':
        return this.act(user, { type: 'quantity', quantity: entry.quantity }, source, text.trim());
      case 'code':
        return loaded ? this.item(user, loaded, entry.code, source) : this.openByCode(user, entry.code, source);
    }
  }

  async command(user: SessionUser, command: Command, code: string, source: EntrySource): Promise<PackResult> {
    switch (command.name) {
      case 'UNDO':
        return this.act(user, { type: 'undo' }, source, code);
      case 'HOLD':
        return command.reason
          ? this.hold(user, command.reason, '', source)
          : this.bench.refuse(user, 'hold_reason_needed', source, code, this.bench.openSession());
      case 'CANCEL':
        return this.cancel(user, source);
      case 'NEXT':
        return this.next(user, source);
      case 'PRINT':
        return this.print(user, source);
    }
  }

  /** Opens an order on this bench; at a desk joined to a warehouse hub, claimed there first. */
  async open(user: SessionUser, orderId: string, source: EntrySource, code = orderId): Promise<PackResult> {
    const desk = this.deps.hubDesk;
    const current = this.bench.openSession();
    // Only an open that takes the order onto this bench claims it; resuming it or refusing to leave a counted one does not.
    const takes = !current || (current.orderId !== orderId && current.progress.steps.length === 0);
    if (!desk || !takes) return this.openHere(user, orderId, source, code);
    const claimed = await claim(this.bench, desk, user, code, source, orderId);
    if ('refused' in claimed) return claimed.refused;
    if ('unknown' in claimed) throw new NotFound(`The warehouse hub has no order ${orderId} to pack.`);
    return this.openHere(user, claimed.orderId, source, code);
  }

  act(user: SessionUser, action: Exclude<PackAction, { type: 'item' }>, source: EntrySource, code: string): PackResult {
    const { bench } = this;
    return bench.withSession(user, source, code, (loaded) =>
      bench.transact((emit) => bench.apply(user, loaded, reduce(loaded.verification, action), source, code, emit)),
    );
  }

  hold(user: SessionUser, reason: HoldReason, note: string, source: EntrySource): PackResult {
    const { bench, deps } = this;
    const code = holdCode(reason);
    return bench.withSession(user, source, code, (loaded) =>
      bench.transact((emit) => {
        const { orderId } = loaded.session;
        const held = verdict('held', { orderId, reason });
        bench.record(user, loaded.session, source, code, held);
        bench.store.closeSession(loaded.session.id, 'held', deps.now());
        bench.store.hold(orderId, deps.stationId, user.id, reason, note, deps.now());
        bench.orderUpdates.held(orderId, reason);
        deps.audit({
          action: 'pack.held',
          userId: user.id,
          orderId,
          details: { reason, note, sessionId: loaded.session.id },
        });
        emit('pack.changed', { orderId, stationState: 'held' });
        return { verdict: held, view: null };
      }),
    );
  }

  cancel(user: SessionUser, source: EntrySource): PackResult {
    const { bench } = this;
    const code = `${COMMAND_PREFIX}CANCEL`;
    return bench.withSession(user, source, code, (loaded) =>
      bench.transact((emit) => {
        const cancelled = verdict('cancelled', { orderId: loaded.session.orderId });
        bench.record(user, loaded.session, source, code, cancelled);
        bench.release(user, loaded.session, 'cancelled', emit);
        return { verdict: cancelled, view: null };
      }),
    );
  }

  async next(user: SessionUser, source: EntrySource): Promise<PackResult> {
    const { bench, deps } = this;
    const code = `${COMMAND_PREFIX}NEXT`;
    const current = bench.openSession();
    if (current) return bench.refuse(user, 'not_complete', source, code, current);
    const candidates = bench.store
      .queue({})
      .filter((order) => order.openAtStation === null || order.openAtStation === deps.stationId);
    const desk = deps.hubDesk;
    if (!desk)
      return candidates[0]
        ? this.openHere(user, candidates[0].id, source, code)
        : bench.refuse(user, 'queue_empty', source, code);
    // Orders this desk holds first: they open without a wait, and they are all it may open when the hub is gone.
    const ordered = [
      ...candidates.filter((order) => desk.holds(order.id)),
      ...candidates.filter((order) => !desk.holds(order.id)),
    ];
    let offline: string | null = null;
    for (const candidate of ordered.slice(0, NEXT_CLAIMS)) {
      const verdictOf = await claimAtHub(desk, user, candidate.id);
      if (verdictOf.ok) return this.openHere(user, verdictOf.orderId, source, code);
      if (verdictOf.reason === 'leased')
        bench.transact((emit) => takenElsewhere(bench, candidate.id, verdictOf.deskId, emit));
      if (verdictOf.reason === 'offline_not_held' || verdictOf.reason === 'offline_lease_expired') {
        offline = verdictOf.message;
        // Cut off, every order past the held ones would fail the same way, each after a wait.
        if (!desk.holds(candidate.id)) break;
      }
    }
    if (offline) throw new Unavailable(offline);
    return bench.refuse(user, 'queue_empty', source, code);
  }

  print(user: SessionUser, source: EntrySource): PackResult {
    const { bench, deps } = this;
    const code = `${COMMAND_PREFIX}PRINT`;
    const current = bench.openSession();
    if (current) return bench.refuse(user, 'not_complete', source, code, current);
    const last = bench.store.lastClosedAt(deps.stationId);
    if (!last) return bench.refuse(user, 'no_order', source, code);
    // "Print label" never says it prints when nothing will: the desk is told why instead.
    const refusal = deps.fulfillment.printRefusal(last.orderId);
    if (refusal) throw new Conflict(refusal);
    return bench.transact((emit) => {
      const requested = verdict('print_requested', { orderId: last.orderId, complete: true });
      bench.record(user, last, source, code, requested);
      deps.audit({ action: 'pack.printRequested', userId: user.id, orderId: last.orderId });
      emit('pack.printRequested', { orderId: last.orderId, stationId: deps.stationId });
      return { verdict: requested, view: bench.view(bench.load(last)) };
    });
  }

  private openHere(user: SessionUser, orderId: string, source: EntrySource, code: string): PackResult {
    const { bench, deps } = this;
    return bench.transact((emit) => {
      const current = bench.openSession();
      if (current?.orderId === orderId) {
        const loaded = bench.load(current);
        bench.record(user, loaded.session, source, code, verdict('order_resumed', { orderId }));
        return { verdict: verdict('order_resumed', { orderId }), view: bench.view(loaded) };
      }
      if (current && current.progress.steps.length > 0) {
        const refused = verdict('not_complete', { orderId: current.orderId });
        bench.record(user, current, source, code, refused);
        return { verdict: refused, view: bench.view(bench.load(current)) };
      }
      const gate = bench.store.orderGate(orderId);
      if (!gate) throw new NotFound(`There is no order ${orderId}.`);
      const refusal = openRefusal(gate, deps.stationId);
      if (refusal) {
        const refused = verdict('order_refused', {
          orderId,
          reason: refusal.reason,
          detail: 'detail' in refusal ? refusal.detail : null,
        });
        bench.store.recordScan({
          ...bench.eventBase(user, source, code),
          orderId,
          sessionId: null,
          verdict: refused.kind,
        });
        return { verdict: refused, view: current ? bench.view(bench.load(current)) : null };
      }
      // Nothing was counted on the order on screen yet: opening another simply puts it back in the queue.
      if (current) bench.release(user, current, 'cancelled', emit);
      const session = bench.store.createSession(orderId, deps.stationId, user.id, deps.now());
      bench.orderUpdates.opened(orderId, deps.stationId);
      const opened = verdict('order_opened', { orderId });
      bench.record(user, session, source, code, opened);
      deps.audit({ action: 'pack.opened', userId: user.id, orderId, details: { sessionId: session.id } });
      emit('pack.changed', { orderId, stationState: 'packing' });
      return { verdict: opened, view: bench.view(bench.load(session)) };
    });
  }

  private item(user: SessionUser, loaded: Loaded, code: ScannedCode, source: EntrySource): PackResult {
    const { bench, deps } = this;
    return bench.transact((emit) => {
      const { orderId } = loaded.session;
      // The marketplace may have cancelled or shipped the order while it was on the bench: stop before anything else.
      const gate = bench.store.orderGate(orderId)!;
      const refusal = openRefusal(gate, deps.stationId);
      if (refusal && refusal.reason !== 'on_hold') {
        const refused = verdict('order_refused', {
          orderId,
          reason: refusal.reason,
          detail: 'detail' in refusal ? refusal.detail : null,
        });
        bench.record(user, loaded.session, source, code.text, refused);
        bench.store.closeSession(loaded.session.id, 'cancelled', deps.now());
        emit('pack.changed', { orderId, stationState: gate.stationState });
        return { verdict: refused, view: null };
      }
      let knownElsewhere = false;
      if (loaded.verification.progress.awaiting?.kind !== 'serial' && !findLine(loaded.verification, code.keys)) {
        const other = bench.store.findOrderByCode(code);
        if (other) {
          const answer = verdict(other === orderId ? 'order_resumed' : 'other_order', {
            orderId: other,
            code: code.text,
          });
          bench.record(user, loaded.session, source, code.text, answer);
          return { verdict: answer, view: bench.view(loaded) };
        }
        knownElsewhere = bench.store.isKnownCode(code);
      }
      const reduction = reduce(loaded.verification, { type: 'item', code, knownElsewhere });
      return bench.apply(user, loaded, reduction, source, code.text, emit);
    });
  }

  private async openByCode(user: SessionUser, code: ScannedCode, source: EntrySource): Promise<PackResult> {
    const { bench } = this;
    const orderId = bench.store.findOrderByCode(code);
    const desk = this.deps.hubDesk;
    if (desk) {
      // The hub knows orders this desk has never seen: it resolves the code, and the claimed order is stored here.
      const claimed = await claim(bench, desk, user, code.text, source, orderId);
      if ('refused' in claimed) return claimed.refused;
      if ('orderId' in claimed) return this.openHere(user, claimed.orderId, source, code.text);
    } else if (orderId) {
      return this.openHere(user, orderId, source, code.text);
    }
    return bench.transact(() => {
      const missing = verdict('order_not_found', { code: code.text });
      bench.store.recordScan({
        ...bench.eventBase(user, source, code.text),
        orderId: null,
        sessionId: null,
        verdict: missing.kind,
      });
      return { verdict: missing, view: null };
    });
  }
}
