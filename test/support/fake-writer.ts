import {
  WriteFailure,
  type MarkShippedItem,
  type MarketplaceWriter,
  type PackageOutcome,
  type ShipItem,
  type UpstreamPackage,
  type WriteFailureInit,
} from '../../electron/core/sync/marketplace-writer';

/** What the fake does with the next call: answer normally, fail before applying, or apply and lose the answer. */
export type Fault = { before: WriteFailureInit } | { after: WriteFailureInit };

/**
 * An in-memory marketplace for worker tests: counts how often each package was really shipped, and plays a script
 * of faults, one per call, in order.
 */
export class FakeWriter implements MarketplaceWriter {
  readonly maxBatch: number;
  readonly shipped = new Map<string, number>();
  readonly tracking = new Map<string, string>();
  readonly cancelled = new Set<string>();
  readonly invalidTracking = new Set<string>();
  readonly calls: string[] = [];
  readonly faults: Fault[] = [];

  constructor(maxBatch = 50) {
    this.maxBatch = maxBatch;
  }

  private fault(call: string): Fault | undefined {
    this.calls.push(call);
    return this.faults.shift();
  }

  async ship(items: readonly ShipItem[]): Promise<PackageOutcome[]> {
    const fault = this.fault(`ship:${items.map((i) => i.packageId).join(',')}`);
    if (fault && 'before' in fault) throw new WriteFailure(fault.before);
    const outcomes = items.map((item): PackageOutcome => {
      if (this.cancelled.has(item.orderId))
        return {
          packageId: item.packageId,
          ok: false,
          failure: new WriteFailure({ kind: 'cancelled', code: '21011041', message: 'order cancelled' }),
        };
      if ('trackingNumber' in item && this.invalidTracking.has(item.trackingNumber)) {
        return {
          packageId: item.packageId,
          ok: false,
          failure: new WriteFailure({ kind: 'invalid_tracking', code: '21011022', message: 'invalid tracking number' }),
        };
      }
      if (this.shipped.has(item.packageId))
        return {
          packageId: item.packageId,
          ok: false,
          failure: new WriteFailure({ kind: 'already_applied', code: '21011040', message: 'package already shipped' }),
        };
      this.shipped.set(item.packageId, 1);
      if ('trackingNumber' in item) this.tracking.set(item.packageId, item.trackingNumber);
      return { packageId: item.packageId, ok: true, requestId: `req-${this.calls.length}` };
    });
    if (fault && 'after' in fault) throw new WriteFailure(fault.after);
    return outcomes;
  }

  async updateTracking(item: { packageId: string; trackingNumber: string }): Promise<{ requestId: string | null }> {
    const fault = this.fault(`tracking:${item.packageId}`);
    if (fault && 'before' in fault) throw new WriteFailure(fault.before);
    this.tracking.set(item.packageId, item.trackingNumber);
    if (fault && 'after' in fault) throw new WriteFailure(fault.after);
    return { requestId: null };
  }

  async markShipped(item: MarkShippedItem): Promise<{ packageId: string; requestId: string | null }> {
    const key = `order:${item.orderId}`;
    const fault = this.fault(`mark:${key}`);
    if (fault && 'before' in fault) throw new WriteFailure(fault.before);
    if (this.shipped.has(key))
      throw new WriteFailure({
        kind: 'already_applied',
        code: '21011006',
        message: 'These orders are already shipped.',
      });
    this.shipped.set(key, 1);
    this.tracking.set(key, item.trackingNumber);
    if (fault && 'after' in fault) throw new WriteFailure(fault.after);
    return { packageId: `pkg-made-${item.orderId}`, requestId: null };
  }

  async confirmHandover(item: { packageId: string }): Promise<{ requestId: string | null }> {
    const fault = this.fault(`handover:${item.packageId}`);
    if (fault && 'before' in fault) throw new WriteFailure(fault.before);
    if (!this.shipped.has(item.packageId))
      throw new WriteFailure({ kind: 'rejected', message: 'not shipped upstream' });
    return { requestId: null };
  }

  async upstream(refs: ReadonlyArray<{ packageId: string; orderId: string }>): Promise<Map<string, UpstreamPackage>> {
    const fault = this.fault(`upstream:${refs.map((r) => r.packageId).join(',')}`);
    if (fault && 'before' in fault) throw new WriteFailure(fault.before);
    return new Map(
      refs.map((ref) => [
        ref.packageId,
        {
          packageId: ref.packageId,
          orderCancelled: this.cancelled.has(ref.orderId),
          shipped: this.shipped.has(ref.packageId),
          trackingNumber: this.tracking.get(ref.packageId) ?? null,
          createdPackageId:
            ref.packageId.startsWith('order:') && this.shipped.has(ref.packageId) ? `pkg-made-${ref.orderId}` : null,
        },
      ]),
    );
  }
}
