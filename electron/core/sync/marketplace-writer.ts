import type { HandoverMethod, PickupSlot } from '../../../shared/contract/sync';

/**
 * How a write failed, in the worker's terms (TIKTOK-API.md's error table):
 * - transient: network, timeout, 5xx, clock skew: retry with backoff.
 * - rate_limited: 429 / 36009002: wait as long as the marketplace says (or back off), then retry.
 * - already_applied: 21011040 package already shipped: the write happened, it is done.
 * - cancelled: 21011041 the order was cancelled upstream: stop; void the label and pull the parcel.
 * - invalid_tracking: 21011022: stop; the tracking number must be corrected.
 * - tracking_in_use: 21011025: stop; the parcel needs another tracking number.
 * - not_collected: the handover was recorded but the carrier has not scanned the parcel yet: look again later,
 *   quietly (PROCESSING is the normal state until the carrier's first scan).
 * - config / reconnect: the connection itself is wrong or the token is gone: keep every write queued, untried,
 *   until someone reconnects the shop (no retry loop).
 * - rejected: any other refusal: stop this write, show the marketplace's message and request id.
 */
export type WriteFailureKind =
  | 'transient'
  | 'rate_limited'
  | 'already_applied'
  | 'cancelled'
  | 'invalid_tracking'
  | 'tracking_in_use'
  | 'not_collected'
  | 'config'
  | 'reconnect'
  | 'rejected';

export interface WriteFailureInit {
  kind: WriteFailureKind;
  message: string;
  code?: string | null;
  requestId?: string | null;
  retryAfterMs?: number | null;
  /** No answer arrived after the request may have been processed: ask upstream before sending again. */
  mayHaveApplied?: boolean;
  /** No HTTP answer at all (connection refused, DNS, dropped): the station is offline. */
  unreachable?: boolean;
}

export class WriteFailure extends Error {
  readonly kind: WriteFailureKind;
  readonly code: string | null;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;
  readonly mayHaveApplied: boolean;
  readonly unreachable: boolean;

  constructor(init: WriteFailureInit) {
    super(init.message);
    this.name = 'WriteFailure';
    this.kind = init.kind;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.mayHaveApplied = init.mayHaveApplied ?? false;
    this.unreachable = init.unreachable ?? false;
  }
}

/**
 * One package to mark shipped: seller shipping carries tracking + provider, TikTok shipping a handover method (a
 * PICKUP without a slot takes the next slot TikTok offers when it is sent).
 */
export type ShipItem =
  | { packageId: string; orderId: string; trackingNumber: string; shippingProviderId: string }
  | { packageId: string; orderId: string; handoverMethod: HandoverMethod; pickupSlot: PickupSlot | null };

export type PackageOutcome =
  | { packageId: string; ok: true; requestId: string | null }
  | { packageId: string; ok: false; failure: WriteFailure };

/** What the marketplace says about a package now, to tell whether a write whose answer was lost did land. */
export interface UpstreamPackage {
  packageId: string;
  orderCancelled: boolean;
  /** The package left AWAITING_SHIPMENT: a ship call for it landed. */
  shipped: boolean;
  trackingNumber: string | null;
  /** For a parcel marked shipped (Mark Package As Shipped): the package TikTok created for it, once it exists. */
  createdPackageId: string | null;
}

/** Seller shipping of an order without a package: TikTok creates the package for these line items. */
export interface MarkShippedItem {
  orderId: string;
  lineItemIds: readonly string[];
  trackingNumber: string;
  shippingProviderId: string;
}

/**
 * The marketplace as the sync worker sees it. Every method throws WriteFailure when the call as a whole fails;
 * `ship` answers each package on its own (the batch endpoint's errors[]).
 */
export interface MarketplaceWriter {
  /** Largest number of packages one ship call may carry. */
  readonly maxBatch: number;
  ship(items: readonly ShipItem[]): Promise<PackageOutcome[]>;
  updateTracking(item: {
    packageId: string;
    orderId: string;
    trackingNumber: string;
    shippingProviderId: string;
  }): Promise<{ requestId: string | null }>;
  /** Mark Package As Shipped: answers with the package TikTok created. */
  markShipped(item: MarkShippedItem): Promise<{ packageId: string; requestId: string | null }>;
  /**
   * The parcel left with the carrier. TikTok's Open API has no handover write of its own: the carrier's scan records
   * collection. Settles when TikTok shows it collected (package FULFILLING or later, or a tracking event); throws
   * not_collected while the package is still PROCESSING (arranged, waiting for the carrier's first scan).
   */
  confirmHandover(item: {
    packageId: string;
    orderId: string;
    handedOverAt: number;
  }): Promise<{ requestId: string | null }>;
  /** Current upstream state of these packages (missing ones are left out of the map). */
  upstream(refs: ReadonlyArray<{ packageId: string; orderId: string }>): Promise<Map<string, UpstreamPackage>>;
}
