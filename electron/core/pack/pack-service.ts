import { ContractError, type EventName, type EventPayload, type SessionUser } from '../../../shared/contract';
import type { PackResult, PackView } from '../../../shared/contract/pack';
import type { Order } from '../../../shared/domain/orders/order';
import { COMMAND_BARCODES, COMMAND_PREFIX, type Command, type HoldReason } from '../../../shared/domain/scan/commands';
import { classifyEntry, type EntrySource } from '../../../shared/domain/scan/entry';
import { parseScan, type ScannedCode } from '../../../shared/domain/scan/normalize';
import { openRefusal } from '../../../shared/domain/scan/open-gate';
import { buildPackLines, verificationOf, type PackRules } from '../../../shared/domain/scan/pack-lines';
import type { ScannerConfig } from '../../../shared/domain/scan/scanner-detector';
import {
  findLine,
  reduce,
  unverifiedLines,
  verdict,
  type PackAction,
  type Reduction,
  type Verdict,
  type Verification,
} from '../../../shared/domain/scan/verification';
import type { DeskQueue } from '../hub-link/desk-queue';
import { HubLinkError } from '../hub-link/hub-link';
import { OrderStore } from '../orders/order-store';
import type { StationServices } from '../station/services';
import { PackStore, type SessionRow } from './pack-store';
import { packView } from './pack-view';

interface Loaded {
  session: SessionRow;
  order: Order;
  verification: Verification;
}

type Emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** What a hold is recorded as: the command barcode for its reason, whether it was scanned or chosen on screen. */
const holdCode = (reason: HoldReason) =>
  COMMAND_BARCODES.find((entry) => entry.command.name === 'HOLD' && entry.command.reason === reason)!.code;

/** How many queued orders "next" tries to claim at the hub before it says the queue is empty. */
const NEXT_CLAIMS = 10;

/** When another desk took an order: to the minute, in the hub's clock (UTC), which every desk shares. */
const sinceText = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What a joined desk's claim at its hub came to: the order to open here, or the answer the packer gets instead. */
type Claimed = { orderId: string } | { refused: PackResult } | { unknown: true };

/**
 * The pack screen's station side. Every action runs in one transaction that records the scan event, the state it
 * changes and the audit row together; events go out only after the commit, so no listener sees a change that could
 * still roll back.
 */
export class PackService {
  private readonly store: PackStore;
  private readonly orders: OrderStore;

  constructor(private readonly svc: StationServices) {
    this.store = new PackStore(svc.db);
    this.orders = new OrderStore(svc.db);
  }

  scannerConfig(): ScannerConfig {
    const suffix = this.svc.settings.string('pack.scanSuffix') === 'Tab' ? 'Tab' : 'Enter';
    return {
      suffix,
      minLength: this.svc.settings.number('pack.scanMinLength'),
      maxGapMs: this.svc.settings.number('pack.scanMaxGapMs'),
    };
  }

  private rules(): PackRules {
    const serialSkus = this.svc.settings
      .string('pack.serialSkus')
      .split(',')
      .map((sku) => sku.trim())
      .filter((sku) => sku.length > 0);
    return { bulkMinQuantity: this.svc.settings.number('pack.bulkMinQuantity'), serialSkus };
  }

  queue(filter: { carrier?: string | undefined; service?: Order['service'] | undefined }) {
    return { orders: this.store.queue(filter), carriers: this.store.queueCarriers() };
  }

  holds() {
    return this.store.openHolds();
  }

  /** The order this desk packed last: the pack screen shows its label. */
  lastPackedOrder(): string | null {
    return this.store.lastClosedAt(this.svc.stationId)?.orderId ?? null;
  }

  current(): PackView | null {
    const session = this.store.openSessionAt(this.svc.stationId);
    return session ? this.view(this.load(session)) : null;
  }

  async scan(user: SessionUser, text: string, source: EntrySource): Promise<PackResult> {
    const session = this.store.openSessionAt(this.svc.stationId);
    const loaded = session ? this.load(session) : null;
    const entry = classifyEntry(text, source, loaded?.verification ?? null);
    switch (entry.type) {
      case 'rejected':
        throw new ContractError('invalid_input', `That is not a barcode (${entry.reason}).`);
      case 'ignored':
        throw new ContractError('invalid_input', 'Keys typed outside the entry field are only read as a quantity.');
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
          : this.refuse(user, 'hold_reason_needed', source, code, this.store.openSessionAt(this.svc.stationId));
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
    const desk = this.svc.hubDesk;
    const current = this.store.openSessionAt(this.svc.stationId);
    // Only an open that takes the order onto this bench claims it; resuming it or refusing to leave a counted one does not.
    const takes = !current || (current.orderId !== orderId && current.progress.steps.length === 0);
    if (!desk || !takes) return this.openHere(user, orderId, source, code);
    const claimed = await this.claim(user, desk, code, source, orderId);
    if ('refused' in claimed) return claimed.refused;
    if ('unknown' in claimed)
      throw new ContractError('not_found', `The warehouse hub has no order ${orderId} to pack.`);
    return this.openHere(user, claimed.orderId, source, code);
  }

  private openHere(user: SessionUser, orderId: string, source: EntrySource, code: string): PackResult {
    return this.transact((emit) => {
      const current = this.store.openSessionAt(this.svc.stationId);
      if (current?.orderId === orderId) {
        const loaded = this.load(current);
        this.record(user, loaded.session, source, code, verdict('order_resumed', { orderId }));
        return { verdict: verdict('order_resumed', { orderId }), view: this.view(loaded) };
      }
      if (current && current.progress.steps.length > 0) {
        const refused = verdict('not_complete', { orderId: current.orderId });
        this.record(user, current, source, code, refused);
        return { verdict: refused, view: this.view(this.load(current)) };
      }
      const gate = this.store.orderGate(orderId);
      if (!gate) throw new ContractError('not_found', `There is no order ${orderId}.`);
      const refusal = openRefusal(gate, this.svc.stationId);
      if (refusal) {
        const refused = verdict('order_refused', {
          orderId,
          reason: refusal.reason,
          detail: 'detail' in refusal ? refusal.detail : null,
        });
        this.store.recordScan({
          ...this.eventBase(user, source, code),
          orderId,
          sessionId: null,
          verdict: refused.kind,
        });
        return { verdict: refused, view: current ? this.view(this.load(current)) : null };
      }
      // Nothing was counted on the order on screen yet: opening another simply puts it back in the queue.
      if (current) this.release(user, current, 'cancelled', emit);
      const session = this.store.createSession(orderId, this.svc.stationId, user.id, this.svc.now());
      this.store.markOpen(orderId, this.svc.stationId);
      const opened = verdict('order_opened', { orderId });
      this.record(user, session, source, code, opened);
      this.svc.audit({ action: 'pack.opened', userId: user.id, orderId, details: { sessionId: session.id } });
      emit('pack.changed', { orderId, stationState: 'packing' });
      return { verdict: opened, view: this.view(this.load(session)) };
    });
  }

  act(user: SessionUser, action: Exclude<PackAction, { type: 'item' }>, source: EntrySource, code: string): PackResult {
    return this.withSession(user, source, code, (loaded) =>
      this.transact((emit) => this.apply(user, loaded, reduce(loaded.verification, action), source, code, emit)),
    );
  }

  hold(user: SessionUser, reason: HoldReason, note: string, source: EntrySource): PackResult {
    const code = holdCode(reason);
    return this.withSession(user, source, code, (loaded) =>
      this.transact((emit) => {
        const { orderId } = loaded.session;
        const held = verdict('held', { orderId, reason });
        this.record(user, loaded.session, source, code, held);
        this.store.closeSession(loaded.session.id, 'held', this.svc.now());
        this.store.hold(orderId, this.svc.stationId, user.id, reason, note, this.svc.now());
        this.svc.audit({
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
    const code = `${COMMAND_PREFIX}CANCEL`;
    return this.withSession(user, source, code, (loaded) =>
      this.transact((emit) => {
        const cancelled = verdict('cancelled', { orderId: loaded.session.orderId });
        this.record(user, loaded.session, source, code, cancelled);
        this.release(user, loaded.session, 'cancelled', emit);
        return { verdict: cancelled, view: null };
      }),
    );
  }

  async next(user: SessionUser, source: EntrySource): Promise<PackResult> {
    const code = `${COMMAND_PREFIX}NEXT`;
    const current = this.store.openSessionAt(this.svc.stationId);
    if (current) return this.refuse(user, 'not_complete', source, code, current);
    const candidates = this.store
      .queue({})
      .filter((order) => order.openAtStation === null || order.openAtStation === this.svc.stationId);
    const desk = this.svc.hubDesk;
    if (!desk)
      return candidates[0]
        ? this.openHere(user, candidates[0].id, source, code)
        : this.refuse(user, 'queue_empty', source, code);
    // Orders this desk holds first: they open without a wait, and they are all it may open when the hub is gone.
    const ordered = [
      ...candidates.filter((order) => desk.holds(order.id)),
      ...candidates.filter((order) => !desk.holds(order.id)),
    ];
    let offline: string | null = null;
    for (const candidate of ordered.slice(0, NEXT_CLAIMS)) {
      const verdictOf = await this.claimAtHub(desk, user, candidate.id);
      if (verdictOf.ok) return this.openHere(user, verdictOf.orderId, source, code);
      if (verdictOf.reason === 'leased')
        this.transact((emit) => this.takenElsewhere(candidate.id, verdictOf.deskId, emit));
      if (verdictOf.reason === 'offline_not_held' || verdictOf.reason === 'offline_lease_expired') {
        offline = verdictOf.message;
        // Cut off, every order past the held ones would fail the same way, each after a wait.
        if (!desk.holds(candidate.id)) break;
      }
    }
    if (offline) throw new ContractError('unavailable', offline);
    return this.refuse(user, 'queue_empty', source, code);
  }

  print(user: SessionUser, source: EntrySource): PackResult {
    const code = `${COMMAND_PREFIX}PRINT`;
    const current = this.store.openSessionAt(this.svc.stationId);
    if (current) return this.refuse(user, 'not_complete', source, code, current);
    const last = this.store.lastClosedAt(this.svc.stationId);
    if (!last) return this.refuse(user, 'no_order', source, code);
    // "Print label" never says it prints when nothing will: the desk is told why instead.
    const refusal = this.svc.fulfillment.printRefusal(last.orderId);
    if (refusal) throw new ContractError('conflict', refusal);
    return this.transact((emit) => {
      const requested = verdict('print_requested', { orderId: last.orderId, complete: true });
      this.record(user, last, source, code, requested);
      this.svc.audit({ action: 'pack.printRequested', userId: user.id, orderId: last.orderId });
      emit('pack.printRequested', { orderId: last.orderId, stationId: this.svc.stationId });
      return { verdict: requested, view: this.view(this.load(last)) };
    });
  }

  async override(user: SessionUser, pin: string, reason: string): Promise<PackResult> {
    const supervisor = await this.supervisor(user, pin, 'override');
    return this.withSession(user, 'button', 'OVERRIDE', (loaded) =>
      this.transact((emit) => {
        const { orderId } = loaded.session;
        const unverified = unverifiedLines(loaded.verification);
        this.store.recordOverride({
          orderId,
          sessionId: loaded.session.id,
          stationId: this.svc.stationId,
          packerId: user.id,
          supervisorId: supervisor.id,
          reason,
          unverified,
          at: this.svc.now(),
        });
        const overridden = verdict('overridden', { orderId, complete: true, detail: supervisor.name });
        this.record(user, loaded.session, 'button', 'OVERRIDE', overridden);
        this.svc.audit({
          action: 'pack.overridden',
          userId: supervisor.id,
          orderId,
          details: { packerId: user.id, reason, unverified },
        });
        this.complete(user, loaded, true, emit);
        return { verdict: overridden, view: this.view(this.load(this.store.session(loaded.session.id)!)) };
      }),
    );
  }

  async linkBarcode(user: SessionUser, pin: string, text: string, lineKey: string): Promise<PackResult> {
    const supervisor = await this.supervisor(user, pin, 'linkBarcode');
    const parsed = parseScan(text);
    if (!parsed.ok) throw new ContractError('invalid_input', `That is not a barcode (${parsed.reason}).`);
    const code = parsed.code;
    return this.withSession(user, 'button', code.text, (loaded) => {
      const line = loaded.verification.lines.find((candidate) => candidate.key === lineKey);
      if (!line) throw new ContractError('not_found', `Order ${loaded.session.orderId} has no line ${lineKey}.`);
      if (findLine(loaded.verification, code.keys) || this.store.isKnownCode(code)) {
        throw new ContractError(
          'conflict',
          `${code.text} already belongs to a product; only unknown codes can be linked.`,
        );
      }
      return this.transact((emit) => {
        this.store.addAlias(code.text, line.skuId, line.sellerSku, this.svc.now(), supervisor.id);
        this.svc.audit({
          action: 'pack.barcodeLinked',
          userId: supervisor.id,
          orderId: loaded.session.orderId,
          details: { code: code.text, skuId: line.skuId, packerId: user.id },
        });
        const relinked = this.load(loaded.session);
        const counted = this.apply(
          user,
          relinked,
          reduce(relinked.verification, { type: 'item', code, knownElsewhere: true }),
          'button',
          code.text,
          emit,
        );
        // A line that was already full keeps the over-scan answer: the link is remembered, the unit is not counted.
        return counted.verdict.kind === 'over_scan'
          ? counted
          : { ...counted, verdict: { ...counted.verdict, kind: 'linked' as const } };
      });
    });
  }

  async releaseHold(user: SessionUser, pin: string, orderId: string, note: string): Promise<PackResult> {
    const supervisor = await this.supervisor(user, pin, 'releaseHold');
    return this.transact((emit) => {
      if (!this.store.release(orderId, supervisor.id, note, this.svc.now()))
        throw new ContractError('not_found', `Order ${orderId} is not on hold.`);
      const gate = this.store.orderGate(orderId);
      if (gate?.stationState === 'held') this.store.markQueued(orderId);
      const released = verdict('released', { orderId, detail: supervisor.name });
      this.store.recordScan({
        ...this.eventBase(user, 'button', 'RELEASE'),
        orderId,
        sessionId: null,
        verdict: released.kind,
      });
      this.svc.audit({ action: 'pack.released', userId: supervisor.id, orderId, details: { note, packerId: user.id } });
      emit('pack.changed', { orderId, stationState: 'queued' });
      return { verdict: released, view: this.current() };
    });
  }

  private item(user: SessionUser, loaded: Loaded, code: ScannedCode, source: EntrySource): PackResult {
    return this.transact((emit) => {
      const { orderId } = loaded.session;
      // The marketplace may have cancelled or shipped the order while it was on the bench: stop before anything else.
      const gate = this.store.orderGate(orderId)!;
      const refusal = openRefusal(gate, this.svc.stationId);
      if (refusal && refusal.reason !== 'on_hold') {
        const refused = verdict('order_refused', {
          orderId,
          reason: refusal.reason,
          detail: 'detail' in refusal ? refusal.detail : null,
        });
        this.record(user, loaded.session, source, code.text, refused);
        this.store.closeSession(loaded.session.id, 'cancelled', this.svc.now());
        emit('pack.changed', { orderId, stationState: gate.stationState });
        return { verdict: refused, view: null };
      }
      let knownElsewhere = false;
      if (loaded.verification.progress.awaiting?.kind !== 'serial' && !findLine(loaded.verification, code.keys)) {
        const other = this.store.findOrderByCode(code);
        if (other) {
          const answer = verdict(other === orderId ? 'order_resumed' : 'other_order', {
            orderId: other,
            code: code.text,
          });
          this.record(user, loaded.session, source, code.text, answer);
          return { verdict: answer, view: this.view(loaded) };
        }
        knownElsewhere = this.store.isKnownCode(code);
      }
      return this.apply(
        user,
        loaded,
        reduce(loaded.verification, { type: 'item', code, knownElsewhere }),
        source,
        code.text,
        emit,
      );
    });
  }

  private async openByCode(user: SessionUser, code: ScannedCode, source: EntrySource): Promise<PackResult> {
    const orderId = this.store.findOrderByCode(code);
    const desk = this.svc.hubDesk;
    if (desk) {
      // The hub knows orders this desk has never seen: it resolves the code, and the claimed order is stored here.
      const claimed = await this.claim(user, desk, code.text, source, orderId);
      if ('refused' in claimed) return claimed.refused;
      if ('orderId' in claimed) return this.openHere(user, claimed.orderId, source, code.text);
    } else if (orderId) {
      return this.openHere(user, orderId, source, code.text);
    }
    return this.transact(() => {
      const missing = verdict('order_not_found', { code: code.text });
      this.store.recordScan({
        ...this.eventBase(user, source, code.text),
        orderId: null,
        sessionId: null,
        verdict: missing.kind,
      });
      return { verdict: missing, view: null };
    });
  }

  /**
   * At a desk joined to a warehouse hub an order is claimed there before it opens here. Held by another desk, it is
   * refused with that desk's name and since when, and leaves this desk's queue. Otherwise refused, an order this desk
   * knows opens through the local checks (they say why: packed, cancelled, open at another desk...); else the hub's
   * reason is the answer.
   */
  private async claim(
    user: SessionUser,
    desk: DeskQueue,
    code: string,
    source: EntrySource,
    localOrderId: string | null,
  ): Promise<Claimed> {
    const claimed = await this.claimAtHub(desk, user, code);
    if (claimed.ok) return { orderId: claimed.orderId };
    if (claimed.reason === 'leased') {
      const refused = this.transact((emit) => {
        if (localOrderId) this.takenElsewhere(localOrderId, claimed.deskId, emit);
        const answer = verdict('order_refused', {
          orderId: localOrderId ?? code,
          reason: 'open_elsewhere',
          detail: `${claimed.deskId} since ${sinceText(claimed.since)}`,
        });
        this.store.recordScan({
          ...this.eventBase(user, source, code),
          orderId: localOrderId,
          sessionId: null,
          verdict: answer.kind,
        });
        return { verdict: answer, view: this.current() };
      });
      return { refused };
    }
    const gate = localOrderId ? this.store.orderGate(localOrderId) : null;
    if (localOrderId && gate && openRefusal(gate, this.svc.stationId)) return { orderId: localOrderId };
    if (claimed.reason === 'unknown_order' && !localOrderId) return { unknown: true };
    throw new ContractError(
      claimed.reason === 'not_queued' || claimed.reason === 'unknown_order' ? 'conflict' : 'unavailable',
      claimed.message,
    );
  }

  /** The hub's answer to a claim; a hub that answers but refuses the desk itself (token, protocol) is not a packing refusal. */
  private async claimAtHub(desk: DeskQueue, user: SessionUser, code: string) {
    try {
      return await desk.open(code, user.name);
    } catch (error) {
      if (error instanceof HubLinkError)
        throw new ContractError('unavailable', `The warehouse hub refused this desk: ${error.message}`);
      throw error;
    }
  }

  /** Another desk holds the order at the hub: it leaves this desk's queue, shown open at that desk. */
  private takenElsewhere(orderId: string, deskId: string, emit: Emit): void {
    this.orders.markHolderDesk(orderId, deskId, this.svc.stationId);
    const order = this.orders.get(orderId);
    if (order) emit('pack.changed', { orderId, stationState: order.stationState });
  }

  /** Records a reduction: the scan event, the new progress, serials, and completion when it finished the order. */
  private apply(
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
      else this.store.addSerial(session.id, session.orderId, line.skuId, step.serial, user.id, this.svc.now());
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

  private complete(user: SessionUser, loaded: Loaded, overridden: boolean, emit: Emit): void {
    const { orderId } = loaded.session;
    this.store.closeSession(loaded.session.id, overridden ? 'overridden' : 'completed', this.svc.now());
    this.store.markPacked(orderId, user.id, this.svc.now());
    // The ship write the packed parcel owes is queued in this same transaction.
    this.svc.fulfillment.workflow.packed(orderId, user.id);
    this.svc.audit({
      action: 'pack.completed',
      userId: user.id,
      orderId,
      details: { sessionId: loaded.session.id, overridden },
    });
    emit('pack.completed', { orderId, stationId: this.svc.stationId, overridden });
    emit('pack.changed', { orderId, stationState: 'packed' });
  }

  /** Takes an open order off this desk and back to the queue, keeping its recorded scans. */
  private release(user: SessionUser, session: SessionRow, state: 'cancelled', emit: Emit): void {
    this.store.closeSession(session.id, state, this.svc.now());
    this.store.markQueued(session.orderId);
    this.svc.audit({
      action: 'pack.cancelled',
      userId: user.id,
      orderId: session.orderId,
      details: { sessionId: session.id, steps: session.progress.steps.length },
    });
    emit('pack.changed', { orderId: session.orderId, stationState: 'queued' });
  }

  private withSession(
    user: SessionUser,
    source: EntrySource,
    code: string,
    fn: (loaded: Loaded) => PackResult,
  ): PackResult {
    const session = this.store.openSessionAt(this.svc.stationId);
    return session ? fn(this.load(session)) : this.refuse(user, 'no_order', source, code);
  }

  /** A refusal that changes nothing but is still part of the record (what was scanned, and what the packer was told). */
  private refuse(
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

  /** A supervisor's PIN inside a pack call goes through the same throttled, audited check as signing in. */
  private async supervisor(
    user: SessionUser,
    pin: string,
    action: 'override' | 'linkBarcode' | 'releaseHold',
  ): Promise<SessionUser> {
    try {
      return await this.svc.users.checkPin(pin, `pack.${action}`, 'supervisor');
    } catch (error) {
      this.svc.audit({ action: 'pack.supervisorRefused', userId: user.id, details: { action } });
      throw error;
    }
  }

  private record(
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

  private eventBase(user: SessionUser, source: EntrySource, code: string) {
    return { at: this.svc.now(), stationId: this.svc.stationId, userId: user.id, source, code };
  }

  private load(session: SessionRow): Loaded {
    const order = this.orders.get(session.orderId);
    if (!order) throw new ContractError('not_found', `Order ${session.orderId} is no longer in the database.`);
    const codes = this.store.codesForSkus([...new Set(order.lines.map((line) => line.skuId))]);
    const lines = buildPackLines(order, codes, this.rules());
    return { session, order, verification: verificationOf(order.id, lines, session.progress) };
  }

  private view(loaded: Loaded): PackView {
    return packView(loaded.session, loaded.order, loaded.verification);
  }

  private transact<T>(fn: (emit: Emit) => T): T {
    const pending: Array<() => void> = [];
    const emit: Emit = (name, payload) => pending.push(() => this.svc.bus.emit(name, payload));
    const result = this.svc.db.transaction(() => fn(emit))();
    for (const send of pending) send();
    return result;
  }
}
