/** TikTok Shop answer codes the station acts on (see /work/shared/TIKTOK-API.md). */
export const TikTokCode = {
  ok: 0,
  invalidSignature: 106001,
  invalidAppKey: 106002,
  shopCipherInvalid: 106011,
  shopCipherMissing: 106013,
  invalidAccessToken: 105001,
  accessTokenExpired: 105002,
  invalidRefreshToken: 105003,
  timestampOutOfWindow: 36009004,
  rateLimited: 36009002,
  alreadyShipped: 21011040,
  orderCancelled: 21011041,
  invalidTrackingNumber: 21011022,
  notFound: 21001001,
  invalidParameter: 36009003,
  documentUnavailable: 21011025,
} as const;

/**
 * What the station should do about a failure:
 * - config: the connection settings are wrong (signature, app key, shop cipher); retrying cannot help.
 * - reconnect: the shop's authorisation is gone (token expired and could not be refreshed); a supervisor must reconnect.
 * - rate_limited / transient: try again later (429, 5xx, network, timeout).
 * - clock: the station's clock is outside the marketplace's timestamp window.
 * - already_shipped / cancelled / invalid_tracking: the marketplace's answer to a write; see TIKTOK-API.md.
 * - malformed: the answer did not match the API's schema; nothing was written.
 * - rejected: any other non-zero code; surfaced with its request id.
 */
export type MarketplaceErrorKind =
  | 'config'
  | 'reconnect'
  | 'rate_limited'
  | 'transient'
  | 'clock'
  | 'already_shipped'
  | 'cancelled'
  | 'invalid_tracking'
  | 'not_found'
  | 'malformed'
  | 'rejected';

export interface MarketplaceErrorInit {
  kind: MarketplaceErrorKind;
  /** The client method, e.g. "searchOrders". */
  call: string;
  message: string;
  code?: number | null;
  httpStatus?: number | null;
  requestId?: string | null;
  /** For malformed answers: the JSON path of the first offending field, e.g. "data.orders[3].update_time". */
  field?: string | null;
  /** Seconds the marketplace asked us to wait. */
  retryAfterSeconds?: number | null;
  /**
   * True when a write may have been applied although no answer arrived (timeout, dropped connection, 5xx after
   * sending): check upstream state before sending it again.
   */
  mayHaveApplied?: boolean;
}

/** Every failure of the marketplace client. Messages never contain secrets (no tokens, keys, signed URLs). */
export class MarketplaceError extends Error {
  readonly kind: MarketplaceErrorKind;
  readonly call: string;
  readonly code: number | null;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly field: string | null;
  readonly retryAfterSeconds: number | null;
  readonly mayHaveApplied: boolean;

  constructor(init: MarketplaceErrorInit) {
    super(`${init.call}: ${init.message}${init.requestId ? ` (request ${init.requestId})` : ''}`);
    this.name = 'MarketplaceError';
    this.kind = init.kind;
    this.call = init.call;
    this.code = init.code ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.requestId = init.requestId ?? null;
    this.field = init.field ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.mayHaveApplied = init.mayHaveApplied ?? false;
  }

  /** Worth another attempt later without anyone changing anything. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient' || this.kind === 'clock';
  }
}

/** Maps a non-zero TikTok answer code to what the station does about it. */
export function kindOfCode(code: number): MarketplaceErrorKind {
  switch (code) {
    case TikTokCode.invalidSignature:
    case TikTokCode.invalidAppKey:
    case TikTokCode.shopCipherInvalid:
    case TikTokCode.shopCipherMissing:
      return 'config';
    case TikTokCode.invalidAccessToken:
    case TikTokCode.accessTokenExpired:
    case TikTokCode.invalidRefreshToken:
      return 'reconnect';
    case TikTokCode.timestampOutOfWindow:
      return 'clock';
    case TikTokCode.rateLimited:
      return 'rate_limited';
    case TikTokCode.alreadyShipped:
      return 'already_shipped';
    case TikTokCode.orderCancelled:
      return 'cancelled';
    case TikTokCode.invalidTrackingNumber:
      return 'invalid_tracking';
    case TikTokCode.notFound:
      return 'not_found';
    default:
      return 'rejected';
  }
}
