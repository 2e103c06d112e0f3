import type { OutboxRow, OutboxWrite } from '../../../shared/contract/sync';
import type { FailureSettler, SyncShared } from './failure-settler';
import { WriteFailure, type ShipItem } from './marketplace-writer';
import { writeApplied } from './write-applied';
import { asFailure, chunks, type Unit } from './work-pool';

const SHIP_KINDS = new Set(['ship.seller', 'ship.tiktok', 'pickup.book']);
const VERIFY_BATCH = 50;

/**
 * Makes the marketplace calls for a round's due writes and records what came back. Writes in doubt are checked
 * upstream rather than sent, so nothing is applied twice; what a failed call means is the settler's to decide.
 */
export class WriteSender {
  constructor(
    private readonly shared: SyncShared,
    private readonly settler: FailureSettler,
  ) {}

  /** A round's writes as units of work: the checks of writes in doubt, the ship batches, then each other write. */
  units(rows: readonly OutboxRow[]): Unit[] {
    const units: Unit[] = [];
    const doubtful = rows.filter((row) => row.inDoubt);
    for (const chunk of chunks(doubtful, VERIFY_BATCH)) units.push(() => this.verify(chunk));
    const ships = rows.filter((row) => !row.inDoubt && SHIP_KINDS.has(row.write.kind));
    for (const chunk of chunks(ships, this.shared.options.writer.maxBatch)) units.push(() => this.ship(chunk));
    for (const row of rows.filter((r) => !r.inDoubt && !SHIP_KINDS.has(r.write.kind)))
      units.push(() => this.sendOne(row));
    return units;
  }

  /** Asks the marketplace whether writes in doubt landed: done if so, sent again (in order) if not. */
  private async verify(rows: OutboxRow[]): Promise<void> {
    const { store, connection, limiter, now, options } = this.shared;
    const started = now();
    let upstream;
    try {
      await limiter.take();
      upstream = await options.writer.upstream(
        rows.map((row) => ({ packageId: row.write.packageId, orderId: row.write.orderId })),
      );
    } catch (error) {
      this.settler.settleFailures(rows, asFailure(error), started);
      return;
    }
    connection.contact();
    const duration = now() - started;
    const settled: number[] = [];
    store.atomically(() => {
      for (const row of rows) {
        const state = upstream.get(row.write.packageId);
        if (state && writeApplied(row.write, state)) {
          store.markDone(row.id, 'confirmed_upstream', {
            result: 'confirmed_upstream',
            message: 'found applied upstream; not sent again',
            durationMs: duration,
          });
          options.applied?.(row, { packageId: state.createdPackageId });
          settled.push(row.id);
        } else if (state?.orderCancelled) {
          this.settler.fail(row, 'void_and_pull', {
            result: 'permanent',
            code: '21011041',
            message: 'The order was cancelled upstream.',
            durationMs: duration,
          });
          settled.push(row.id);
        } else {
          store.reschedule(row.id, now(), false, {
            result: 'in_doubt',
            message: 'not applied upstream; sending again',
            durationMs: duration,
          });
        }
      }
    });
    if (settled.length > 0) options.events?.changed?.({ rowIds: settled });
  }

  private async ship(rows: OutboxRow[]): Promise<void> {
    const { store, connection, limiter, now, random, options } = this.shared;
    const items = rows.map((row) => shipItem(row.write));
    await limiter.take();
    store.markSending(rows.map((row) => row.id));
    const started = now();
    let outcomes;
    try {
      outcomes = await options.writer.ship(items);
    } catch (error) {
      this.settler.settleFailures(rows, asFailure(error), started);
      return;
    }
    connection.contact();
    const byPackage = new Map(outcomes.map((outcome) => [outcome.packageId, outcome]));
    const duration = now() - started;
    const settled: number[] = [];
    // One jitter draw for the whole batch, as for any failed call: what failed in it is retried together.
    const draw = random();
    const at = now();
    store.atomically(() => {
      for (const row of rows) {
        const outcome = byPackage.get(row.write.packageId);
        if (outcome?.ok) {
          store.markDone(row.id, 'sent', { result: 'sent', requestId: outcome.requestId, durationMs: duration });
          options.applied?.(row, { packageId: null });
          settled.push(row.id);
        } else {
          const failure = outcome
            ? outcome.failure
            : new WriteFailure({
                kind: 'transient',
                message: 'the marketplace did not answer for this package',
                mayHaveApplied: true,
              });
          if (this.settler.settleFailure(row, failure, duration, draw, at)) settled.push(row.id);
        }
      }
    });
    if (settled.length > 0) options.events?.changed?.({ rowIds: settled });
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const { store, connection, limiter, now, options } = this.shared;
    const write = row.write;
    await limiter.take();
    store.markSending([row.id]);
    const started = now();
    let requestId: string | null;
    let packageId: string | null = null;
    try {
      if (write.kind === 'tracking.update') {
        ({ requestId } = await options.writer.updateTracking(write));
      } else if (write.kind === 'ship.mark') {
        ({ requestId, packageId } = await options.writer.markShipped(write));
      } else if (write.kind === 'handover.confirm') {
        ({ requestId } = await options.writer.confirmHandover(write));
      } else {
        throw new Error(`${write.kind} is sent in a ship batch`);
      }
    } catch (error) {
      this.settler.settleFailures([row], asFailure(error), started);
      return;
    }
    connection.contact();
    store.atomically(() => {
      store.markDone(row.id, 'sent', { result: 'sent', requestId, durationMs: now() - started });
      options.applied?.(row, { packageId });
    });
    options.events?.changed?.({ rowIds: [row.id] });
  }
}

function shipItem(write: OutboxWrite): ShipItem {
  switch (write.kind) {
    case 'ship.seller':
      return {
        packageId: write.packageId,
        orderId: write.orderId,
        trackingNumber: write.trackingNumber,
        shippingProviderId: write.shippingProviderId,
      };
    case 'ship.tiktok':
      return {
        packageId: write.packageId,
        orderId: write.orderId,
        handoverMethod: write.handoverMethod,
        pickupSlot: write.pickupSlot,
      };
    case 'pickup.book':
      return {
        packageId: write.packageId,
        orderId: write.orderId,
        handoverMethod: 'PICKUP',
        pickupSlot: write.pickupSlot,
      };
    default:
      throw new Error(`${write.kind} is not a ship write`);
  }
}
