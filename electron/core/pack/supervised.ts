import type { SessionUser } from '../../../shared/contract';
import type { PackResult } from '../../../shared/contract/pack';
import { parseScan } from '../../../shared/domain/scan/normalize';
import { findLine, reduce, unverifiedLines, verdict } from '../../../shared/domain/scan/verification';
import { Conflict, InvalidRequest, NotFound } from '../errors/domain-errors';
import type { PackBench } from './pack-bench';

/** The pack actions a supervisor's PIN allows: completing an order unverified, linking a barcode, releasing a hold. */
export class SupervisedActions {
  constructor(private readonly bench: PackBench) {}

  async override(user: SessionUser, pin: string, reason: string): Promise<PackResult> {
    const { bench } = this;
    const supervisor = await this.supervisor(user, pin, 'override');
    return bench.withSession(user, 'button', 'OVERRIDE', (loaded) =>
      bench.transact((emit) => {
        const { orderId } = loaded.session;
        const unverified = unverifiedLines(loaded.verification);
        bench.store.recordOverride({
          orderId,
          sessionId: loaded.session.id,
          stationId: bench.deps.stationId,
          packerId: user.id,
          supervisorId: supervisor.id,
          reason,
          unverified,
          at: bench.deps.now(),
        });
        const overridden = verdict('overridden', { orderId, complete: true, detail: supervisor.name });
        bench.record(user, loaded.session, 'button', 'OVERRIDE', overridden);
        bench.deps.audit({
          action: 'pack.overridden',
          userId: supervisor.id,
          orderId,
          details: { packerId: user.id, reason, unverified },
        });
        bench.complete(user, loaded, true, emit);
        return { verdict: overridden, view: bench.view(bench.load(bench.store.session(loaded.session.id)!)) };
      }),
    );
  }

  async linkBarcode(user: SessionUser, pin: string, text: string, lineKey: string): Promise<PackResult> {
    const { bench } = this;
    const supervisor = await this.supervisor(user, pin, 'linkBarcode');
    const parsed = parseScan(text);
    if (!parsed.ok) throw new InvalidRequest(`That is not a barcode (${parsed.reason}).`);
    const code = parsed.code;
    return bench.withSession(user, 'button', code.text, (loaded) => {
      const line = loaded.verification.lines.find((candidate) => candidate.key === lineKey);
      if (!line) throw new NotFound(`Order ${loaded.session.orderId} has no line ${lineKey}.`);
      if (findLine(loaded.verification, code.keys) || bench.store.isKnownCode(code)) {
        throw new Conflict(`${code.text} already belongs to a product; only unknown codes can be linked.`);
      }
      return bench.transact((emit) => {
        bench.orderUpdates.barcodeAlias(code.text, line.skuId, line.sellerSku, bench.deps.now(), supervisor.id);
        bench.deps.audit({
          action: 'pack.barcodeLinked',
          userId: supervisor.id,
          orderId: loaded.session.orderId,
          details: { code: code.text, skuId: line.skuId, packerId: user.id },
        });
        const relinked = bench.load(loaded.session);
        const counted = bench.apply(
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
    const { bench } = this;
    const supervisor = await this.supervisor(user, pin, 'releaseHold');
    return bench.transact((emit) => {
      if (!bench.store.release(orderId, supervisor.id, note, bench.deps.now()))
        throw new NotFound(`Order ${orderId} is not on hold.`);
      const gate = bench.store.orderGate(orderId);
      if (gate?.stationState === 'held') bench.orderUpdates.queued(orderId);
      const released = verdict('released', { orderId, detail: supervisor.name });
      bench.store.recordScan({
        ...bench.eventBase(user, 'button', 'RELEASE'),
        orderId,
        sessionId: null,
        verdict: released.kind,
      });
      bench.deps.audit({
        action: 'pack.released',
        userId: supervisor.id,
        orderId,
        details: { note, packerId: user.id },
      });
      emit('pack.changed', { orderId, stationState: 'queued' });
      return { verdict: released, view: bench.current() };
    });
  }

  /** A supervisor's PIN inside a pack call goes through the same throttled, audited check as signing in. */
  private async supervisor(
    user: SessionUser,
    pin: string,
    action: 'override' | 'linkBarcode' | 'releaseHold',
  ): Promise<SessionUser> {
    try {
      return await this.bench.deps.users.checkPin(pin, `pack.${action}`, 'supervisor');
    } catch (error) {
      this.bench.deps.audit({ action: 'pack.supervisorRefused', userId: user.id, details: { action } });
      throw error;
    }
  }
}
