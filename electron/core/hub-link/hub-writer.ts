import type { OutboxWrite } from '../../../shared/contract/sync';
import { defaultIdempotencyKey } from '../outbox';
import {
  WriteFailure,
  type MarkShippedItem,
  type MarketplaceWriter,
  type PackageOutcome,
  type ShipItem,
  type UpstreamPackage,
  type WriteFailureKind,
} from '../sync';
import type { WriteState } from './api';
import { HubLinkError, type HubLink } from './hub-link';

const FAILURE_KINDS: ReadonlySet<string> = new Set<WriteFailureKind>([
  'transient',
  'rate_limited',
  'already_applied',
  'cancelled',
  'invalid_tracking',
  'tracking_in_use',
  'not_collected',
  'config',
  'reconnect',
  'rejected',
]);

/** Looks for a settled answer this many times after handing writes over: the hub usually sends within a second. */
const SETTLE_POLLS = 4;
const SETTLE_POLL_MS = 250;

/** A write the hub refused for good, in the sync worker's terms. */
function refusal(state: WriteState): WriteFailure {
  const kind =
    state.errorKind && FAILURE_KINDS.has(state.errorKind) ? (state.errorKind as WriteFailureKind) : 'rejected';
  return new WriteFailure({
    kind,
    message: state.errorMessage ?? `the hub refused the write (${state.errorKind ?? 'no reason given'})`,
  });
}

/** A write still queued at the hub: the worker asks again later; handing it over again is harmless. */
function waiting(state: WriteState): WriteFailure {
  if (state.errorKind === 'not_collected')
    return new WriteFailure({
      kind: 'not_collected',
      message: state.errorMessage ?? "waiting for the carrier's first scan",
    });
  const why = state.errorMessage ? `: ${state.errorMessage}` : '';
  return new WriteFailure({
    kind: 'transient',
    message: `queued at the warehouse hub, not yet accepted by TikTok${why}`,
  });
}

function offline(error: unknown): WriteFailure {
  if (error instanceof HubLinkError && error.kind === 'offline')
    return new WriteFailure({ kind: 'transient', message: error.message, unreachable: true });
  return new WriteFailure({ kind: 'rejected', message: error instanceof Error ? error.message : String(error) });
}

/**
 * The sync worker's marketplace for a desk joined to a warehouse hub: each write goes to the hub, which sends it to
 * TikTok exactly once. A write's id at the hub is derived from the write itself, so the worker handing the same
 * write over again (after a crash, a lost answer or an outage) names the same write and is harmless; that is also
 * why a desk never needs to ask TikTok whether a write landed.
 */
export class HubWriter implements MarketplaceWriter {
  readonly maxBatch = 50;

  constructor(
    private readonly link: HubLink,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Hands the writes over and waits a moment for the hub's verdicts; throws when the hub cannot be reached. */
  private async send(writes: readonly OutboxWrite[]): Promise<Map<string, WriteState>> {
    const handed = writes.map((write) => ({ writeId: defaultIdempotencyKey(write), write }));
    let states: WriteState[];
    try {
      states = await this.link.handOver(handed);
      for (let poll = 0; poll < SETTLE_POLLS && states.some((state) => state.state === 'pending'); poll += 1) {
        await this.sleep(SETTLE_POLL_MS);
        states = await this.link.writeStates(handed.map((entry) => entry.writeId));
      }
    } catch (error) {
      throw offline(error);
    }
    const byId = new Map(states.map((state) => [state.writeId, state]));
    return new Map(handed.map((entry) => [entry.write.packageId, byId.get(entry.writeId)!]));
  }

  private async one(write: OutboxWrite): Promise<WriteState> {
    const state = (await this.send([write])).get(write.packageId)!;
    if (state.state === 'failed') throw refusal(state);
    if (state.state === 'pending') throw waiting(state);
    return state;
  }

  async ship(items: readonly ShipItem[]): Promise<PackageOutcome[]> {
    const writes = items.map(
      (item): OutboxWrite =>
        'trackingNumber' in item
          ? {
              kind: 'ship.seller',
              orderId: item.orderId,
              packageId: item.packageId,
              trackingNumber: item.trackingNumber,
              shippingProviderId: item.shippingProviderId,
            }
          : {
              kind: 'ship.tiktok',
              orderId: item.orderId,
              packageId: item.packageId,
              handoverMethod: item.handoverMethod,
              pickupSlot: item.pickupSlot,
            },
    );
    const states = await this.send(writes);
    return items.map((item): PackageOutcome => {
      const state = states.get(item.packageId)!;
      if (state.state === 'done') return { packageId: item.packageId, ok: true, requestId: null };
      return {
        packageId: item.packageId,
        ok: false,
        failure: state.state === 'failed' ? refusal(state) : waiting(state),
      };
    });
  }

  async updateTracking(item: {
    packageId: string;
    orderId: string;
    trackingNumber: string;
    shippingProviderId: string;
  }): Promise<{ requestId: string | null }> {
    await this.one({ kind: 'tracking.update', ...item });
    return { requestId: null };
  }

  async markShipped(item: MarkShippedItem): Promise<{ packageId: string; requestId: string | null }> {
    // The parcel's key until TikTok names its package, as the station's outbox keys it.
    const state = await this.one({
      kind: 'ship.mark',
      orderId: item.orderId,
      packageId: `order:${item.orderId}`,
      lineItemIds: [...item.lineItemIds],
      trackingNumber: item.trackingNumber,
      shippingProviderId: item.shippingProviderId,
    });
    if (!state.createdPackageId)
      throw new WriteFailure({ kind: 'transient', message: 'the hub has not learnt the package TikTok created yet' });
    return { packageId: state.createdPackageId, requestId: null };
  }

  async confirmHandover(item: {
    packageId: string;
    orderId: string;
    handedOverAt: number;
  }): Promise<{ requestId: string | null }> {
    // The hub checks the carrier's scan with TikTok; it does not read the manifest number, which the worker does not pass.
    await this.one({
      kind: 'handover.confirm',
      orderId: item.orderId,
      packageId: item.packageId,
      manifestId: 0,
      handedOverAt: item.handedOverAt,
    });
    return { requestId: null };
  }

  /** Nothing to ask: a write in doubt is simply handed over again under the same id, and the hub answers how it ended. */
  async upstream(): Promise<Map<string, UpstreamPackage>> {
    return new Map();
  }
}
