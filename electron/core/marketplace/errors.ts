/**
 * TikTok Shop answer codes the station acts on (TIKTOK-API.md's error table; the spec files' error_code_list and
 * guides/common-errors.md for the messages).
 */
export const TikTokCode = {
  ok: 0,
  invalidSignature: 106001,
  invalidAppKey: 106002,
  shopCipherInvalid: 106011,
  shopCipherMissing: 106013,
  invalidAccessToken: 105001,
  accessTokenExpired: 105002,
  invalidRefreshToken: 105003,
  /** One code for many credential and identifier problems: only its message tells them apart (kindOf36009004). */
  timestampOutOfWindow: 36009004,
  rateLimited: 36009002,
  internalError: 36009003,
  requestTimeout: 36009007,
  systemError: 21001008,
  systemProcessError: 21001011,
  invalidParameter: 21001001,
  alreadyShipped: 21011040,
  packageShipped: 11006021,
  packageShippedDoNotShip: 21008099,
  ordersAlreadyShipped: 21011020,
  ordersAlreadyShippedMark: 21011006,
  orderCancelled: 21011041,
  invalidTrackingNumber: 21011022,
  trackingNumberInUse: 21011025,
  documentUnavailable: 21023035,
  documentBeforeShipped: 21042104,
  /** Get Product: "The product does not exist". */
  notFound: 12052032,
  productIdNotFound: 12019150,
  productIdMissing: 12052260,
} as const;

const ALREADY_SHIPPED = new Set<number>([TikTokCode.alreadyShipped, TikTokCode.packageShipped, TikTokCode.packageShippedDoNotShip, TikTokCode.ordersAlreadyShipped, TikTokCode.ordersAlreadyShippedMark]);
const INTERNAL = new Set<number>([TikTokCode.internalError, TikTokCode.requestTimeout, TikTokCode.systemError, TikTokCode.systemProcessError]);
const DOCUMENT_UNAVAILABLE = new Set<number>([TikTokCode.documentUnavailable, TikTokCode.documentBeforeShipped]);
const PRODUCT_NOT_FOUND = new Set<number>([TikTokCode.notFound, TikTokCode.productIdNotFound, TikTokCode.productIdMissing]);

/**
 * What the station should do about a failure:
 * - config: the connection settings are wrong (signature, shop cipher, identifiers); retrying cannot help.
 * - reconnect: the shop's authorisation is gone (token expired and not renewable, revoked token, invalid app key):
 *   a supervisor must reconnect the shop; nothing retries on its own.
 * - rate_limited / transient: try again later (429, 5xx, network, timeout, TikTok's internal errors).
 * - clock: the station's clock is outside the marketplace's timestamp window (the client learns the offset once).
 * - already_shipped: every "already shipped" code: the write happened, settle it.
 * - cancelled / invalid_tracking: the marketplace's answer to a write; see TIKTOK-API.md.
 * - tracking_in_use: the tracking number is already used by another package: ask for another one.
 * - document_unavailable: no shipping document before Ship Package: ship first, then ask again.
 * - not_found: the product (or other object) does not exist.
 * - malformed: the answer did not match the API's schema.
 * - rejected: invalid parameters and any other non-zero code: surfaced with its request id, never resent unchanged.
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
  | 'tracking_in_use'
  | 'document_unavailable'
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

/** 36009004 by its message (guides/common-errors.md): timestamp, credentials, or a request the station built wrong. */
function kindOf36009004(message: string): MarketplaceErrorKind {
  if (/timestamp/i.test(message)) return 'clock';
  if (/access_token|access token|x-tts-access-token|app_key|app key/i.test(message)) return 'reconnect';
  // Missing sign, unexpected identifier, invalid shop_id or version, or a message this table does not know yet.
  return 'config';
}

/** Maps a non-zero TikTok answer code (and, where one code has several causes, its message) to what to do. */
export function kindOfCode(code: number, message = ''): MarketplaceErrorKind {
  if (ALREADY_SHIPPED.has(code)) return 'already_shipped';
  if (INTERNAL.has(code)) return 'transient';
  if (DOCUMENT_UNAVAILABLE.has(code)) return 'document_unavailable';
  if (PRODUCT_NOT_FOUND.has(code)) return 'not_found';
  switch (code) {
    case TikTokCode.timestampOutOfWindow:
      return kindOf36009004(message);
    case TikTokCode.invalidSignature:
    case TikTokCode.invalidAppKey:
    case TikTokCode.shopCipherInvalid:
    case TikTokCode.shopCipherMissing:
      return 'config';
    case TikTokCode.invalidAccessToken:
    case TikTokCode.accessTokenExpired:
    case TikTokCode.invalidRefreshToken:
      return 'reconnect';
    case TikTokCode.rateLimited:
      return 'rate_limited';
    case TikTokCode.orderCancelled:
      return 'cancelled';
    case TikTokCode.invalidTrackingNumber:
      return 'invalid_tracking';
    case TikTokCode.trackingNumberInUse:
      return 'tracking_in_use';
    default:
      return 'rejected';
  }
}
