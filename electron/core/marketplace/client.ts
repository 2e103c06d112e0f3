import type { z } from 'zod';
import type { MarketStatus } from '../../../shared/domain/orders/order';
import { kindOfCode, MarketplaceError, TikTokCode } from './errors';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy } from './retry';
import {
  AuthorizedShops,
  BatchShipRequest,
  BatchShipResult,
  EmptyData,
  Envelope,
  fieldPath,
  HandoverTimeSlots,
  MarkShippedAnswer,
  MarkShippedBody,
  OrderDetail,
  OrderSearchPage,
  PackageDetail,
  ProductDetail,
  ShipPackageRequest,
  ShippingDocument,
  ShippingProviders,
  TikTokOrder,
  TokenGrant,
  Tracking,
  UpdateShippingInfoRequest,
  withoutNulls,
  type Shop,
} from './schemas';
import { signRequest } from './signing';

/** Get Order Detail takes at most this many ids per call. */
export const MAX_ORDER_DETAIL_IDS = 50;

export const TIKTOK_API_URL = 'https://open-api.tiktokglobalshop.com';
const TIKTOK_AUTH_URL = 'https://auth.tiktok-shops.com';

/** What the client needs to talk to one seller's authorisation. */
export interface Connection {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** When set, the station works only this shop; else every shop the seller authorised. */
  shopCipher: string;
}

/** Where the connection settings live; the station keeps them in Settings, tests in memory. */
export interface ConnectionSource {
  read(): Connection;
  /** Called after a token refresh so the new tokens survive a restart. */
  saveTokens(tokens: { accessToken: string; refreshToken: string }): void;
}

export type ConnectionState = 'unknown' | 'connected' | 'unreachable' | 'reconnect_required' | 'config_error';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why, in words a supervisor can act on; never contains a secret. */
  message: string;
  at: number;
}

export interface ClientOptions {
  connection: ConnectionSource;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** One line per retry or refresh; never given a secret. */
  log?: (line: string) => void;
}

export interface SearchFilter {
  order_status?: MarketStatus;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
}

export interface SearchOptions {
  filter?: SearchFilter;
  pageSize?: number;
  pageToken?: string;
  sortField?: 'create_time' | 'update_time';
  sortOrder?: 'ASC' | 'DESC';
}

/** An order as validated, with the answer's own record kept for evidence (unknown fields included). */
export interface PulledOrder {
  order: TikTokOrder;
  raw: unknown;
}

/** An order of an answer that does not match the spec: the rest of the answer is still read. */
export interface RefusedOrder {
  /** null when the record has no id the station can read. */
  orderId: string | null;
  /** The offending field inside the order, e.g. "recipient_address.region_code". */
  field: string;
  reason: string;
  raw: unknown;
}

export interface OrdersReading {
  orders: PulledOrder[];
  refused: RefusedOrder[];
}

/** Reads an answer's orders one by one: a refusal names the order and its field, and never costs the others. */
function readOrders(rawOrders: readonly unknown[]): OrdersReading {
  const reading: OrdersReading = { orders: [], refused: [] };
  for (const raw of rawOrders) {
    const parsed = TikTokOrder.safeParse(raw);
    if (parsed.success) {
      reading.orders.push({ order: parsed.data, raw });
      continue;
    }
    const issue = parsed.error.issues[0]!;
    const rawId = (raw as { id?: unknown } | null)?.id;
    reading.refused.push({
      orderId: typeof rawId === 'string' && rawId !== '' ? rawId : null,
      field: fieldPath('', issue.path).replace(/^\./, '') || '(the order)',
      reason: issue.message,
      raw,
    });
  }
  return reading;
}

export interface DocumentOptions {
  /** SHIPPING_LABEL_PICTURE is the label as a PNG (size and format do not apply to it). */
  documentType?: 'SHIPPING_LABEL' | 'SHIPPING_LABEL_PICTURE' | 'PACKING_SLIP' | 'SHIPPING_LABEL_AND_PACKING_SLIP';
  documentSize?: 'A6' | 'A5';
  /** ZPL is served for Brazilian shops only. */
  documentFormat?: 'PDF' | 'ZPL';
}

export interface MarkShippedRequest {
  /** The order's line items that travel in this parcel. */
  orderLineItemIds: string[];
  trackingNumber: string;
  shippingProviderId: string;
}

export interface MarkShippedResult {
  /** The package TikTok created for these line items. */
  packageId: string;
  orderLineItemIds: string[];
  /** TikTok's warning, e.g. "match more than one provider"; the package was created all the same. */
  warning: string | null;
}

export interface TrackingEvent {
  description: string;
  /** null when TikTok sent the event without its time (the field is optional in the spec). */
  updateTimeMs: number | null;
}

interface RequestSpec<S extends z.ZodType> {
  call: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** null: not shop-scoped (authorisation API). */
  shopCipher: string | null;
  schema: S;
  /**
   * A write is retried only where the marketplace surely did not apply it (429, connection refused); otherwise the
   * error says mayHaveApplied so the caller checks upstream state before sending it again.
   */
  write?: boolean;
}

const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

type EnvelopeReading = { ok: true; envelope: z.output<typeof Envelope> } | { ok: false; field: string; reason: string };

/** The answer's `{ code, message, request_id, data }`, or where it is not one ("body": not JSON at all). */
function readEnvelope(text: string): EnvelopeReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, field: 'body', reason: 'not JSON' };
  }
  // Most answers hold no null at all: only those that may are copied without them.
  const envelope = Envelope.safeParse(text.includes('null') ? withoutNulls(json) : json);
  if (envelope.success) return { ok: true, envelope: envelope.data };
  const issue = envelope.error.issues[0]!;
  return { ok: false, field: fieldPath('', issue.path).slice(1), reason: issue.message };
}

/**
 * TikTok Shop Open API (202309) client. Every call is signed, every answer's envelope and data are validated, and
 * failures arrive as MarketplaceError with a kind that says what to do (see errors.ts).
 *
 * Shop-scoped calls take the shop id first (Order.shopId); the client finds that shop's cipher itself.
 *
 * Reads: getAuthorizedShops, shops, searchOrders, getOrders, getPackage, getTracking, getHandoverTimeSlots,
 * getShippingDocument (+ downloadDocument), getShippingProviders, getProduct.
 * Writes (never retried where they may have landed; check getPackage / getOrders first): shipPackage, batchShip,
 * markPackageAsShipped, updateShippingInfo.
 */
export class TikTokShopClient {
  private readonly policy: RetryPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  /** Marketplace clock minus ours, learnt from a 36009004 answer's Date header. */
  private clockOffsetMs = 0;
  private shopCache: { key: string; shops: Shop[] } | null = null;
  private refreshing: Promise<void> | null = null;
  private current: ConnectionStatus;
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();

  constructor(private readonly options: ClientOptions) {
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
    this.current = { state: 'unknown', message: 'Not connected yet.', at: this.now() };
  }

  get baseUrl(): string {
    return this.options.connection.read().baseUrl;
  }

  status(): ConnectionStatus {
    return this.current;
  }

  onStatusChange(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- authorisation ------------------------------------------------------------------------------------------

  /** Every shop the seller authorised this app for, with the cipher shop-scoped calls need. */
  async getAuthorizedShops(): Promise<Shop[]> {
    const data = await this.request({
      call: 'getAuthorizedShops',
      method: 'GET',
      path: '/authorization/202309/shops',
      shopCipher: null,
      schema: AuthorizedShops,
    });
    return data.shops;
  }

  /** The shops this station works: the configured shop cipher's shop, or every authorised shop. Cached. */
  async shops(): Promise<Shop[]> {
    const connection = this.options.connection.read();
    const key = `${connection.baseUrl}|${connection.appKey}|${connection.shopCipher}`;
    if (this.shopCache?.key === key) return this.shopCache.shops;
    const all = await this.getAuthorizedShops();
    const shops = connection.shopCipher ? all.filter((shop) => shop.cipher === connection.shopCipher) : all;
    if (shops.length === 0) {
      throw this.fail(
        new MarketplaceError({
          kind: 'config',
          call: 'getAuthorizedShops',
          message: connection.shopCipher
            ? 'the configured shop cipher is not among the shops authorised for this app'
            : 'no shop has authorised this app',
        }),
      );
    }
    this.shopCache = { key, shops };
    return shops;
  }

  /**
   * Exchanges the refresh token for a new access token (TikTok's token API) and saves both. Fails with kind
   * 'reconnect' when the marketplace refuses: the seller must authorise the app again.
   */
  async refreshAccessToken(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  // ---- orders -------------------------------------------------------------------------------------------------

  /**
   * One page of POST /order/202309/orders/search. An empty nextPageToken means this was the last page. Orders that
   * do not match the spec are in `refused`, the others in `orders`.
   */
  async searchOrders(
    shopId: string,
    options: SearchOptions = {},
  ): Promise<OrdersReading & { nextPageToken: string; totalCount: number | null }> {
    const page = await this.request({
      call: 'searchOrders',
      method: 'POST',
      path: '/order/202309/orders/search',
      query: {
        page_size: options.pageSize ?? 100,
        page_token: options.pageToken || undefined,
        sort_field: options.sortField ?? 'update_time',
        sort_order: options.sortOrder ?? 'ASC',
      },
      body: options.filter ?? {},
      shopCipher: await this.cipherFor(shopId),
      schema: OrderSearchPage,
    });
    return { ...readOrders(page.orders), nextPageToken: page.next_page_token, totalCount: page.total_count ?? null };
  }

  /** Full detail of up to MAX_ORDER_DETAIL_IDS orders (Get Order Detail, 202507 in the spec), each read on its own like searchOrders'. */
  async readOrderDetails(shopId: string, ids: readonly string[]): Promise<OrdersReading> {
    if (ids.length === 0) return { orders: [], refused: [] };
    if (ids.length > MAX_ORDER_DETAIL_IDS)
      throw new RangeError(`getOrders takes at most ${MAX_ORDER_DETAIL_IDS} ids per call`);
    const detail = await this.request({
      call: 'getOrders',
      method: 'GET',
      path: '/order/202507/orders',
      query: { ids: ids.join(',') },
      shopCipher: await this.cipherFor(shopId),
      schema: OrderDetail,
    });
    return readOrders(detail.orders);
  }

  /** The readable orders of readOrderDetails (an unreadable one is left out). */
  async getOrders(shopId: string, ids: readonly string[]): Promise<PulledOrder[]> {
    return (await this.readOrderDetails(shopId, ids)).orders;
  }

  // ---- fulfillment --------------------------------------------------------------------------------------------

  /**
   * A package's upstream state: what to check before repeating a write. package_status is TikTok's string as sent
   * (PROCESSING = arranged, waiting for the carrier; FULFILLING = collected; COMPLETED; CANCELLED; maybe others
   * later): the caller maps it. Every field is optional in the spec, so each may be absent.
   */
  async getPackage(shopId: string, packageId: string) {
    return this.request({
      call: 'getPackage',
      method: 'GET',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}`,
      shopCipher: await this.cipherFor(shopId),
      schema: PackageDetail,
    });
  }

  async getHandoverTimeSlots(shopId: string, packageId: string) {
    return this.request({
      call: 'getHandoverTimeSlots',
      method: 'GET',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/handover_time_slots`,
      shopCipher: await this.cipherFor(shopId),
      schema: HandoverTimeSlots,
    });
  }

  /** Carrier tracking events of an order, oldest first as TikTok sends them: how collection is confirmed. */
  async getTracking(shopId: string, orderId: string): Promise<TrackingEvent[]> {
    const data = await this.request({
      call: 'getTracking',
      method: 'GET',
      path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/tracking`,
      shopCipher: await this.cipherFor(shopId),
      schema: Tracking,
    });
    return (data?.tracking ?? []).map((event) => ({
      description: event.description ?? '',
      updateTimeMs: event.update_time_millis ?? null,
    }));
  }

  /**
   * The marketplace's label (orders shipped by TikTok), served only after Ship Package (before it: kind
   * document_unavailable). The URL is valid for 24 h: download it at once. An answer without doc_url is malformed.
   */
  async getShippingDocument(
    shopId: string,
    packageId: string,
    options: DocumentOptions = {},
  ): Promise<{ docUrl: string; trackingNumber: string | null }> {
    const documentType = options.documentType ?? 'SHIPPING_LABEL';
    const picture = documentType === 'SHIPPING_LABEL_PICTURE';
    const data = await this.request({
      call: 'getShippingDocument',
      method: 'GET',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_documents`,
      query: {
        document_type: documentType,
        // The picture is always a PNG of TikTok's own size: size and format do not apply to it.
        document_size: picture ? undefined : (options.documentSize ?? 'A6'),
        document_format: picture ? undefined : (options.documentFormat ?? 'PDF'),
      },
      shopCipher: await this.cipherFor(shopId),
      schema: ShippingDocument,
    });
    return { docUrl: data.doc_url, trackingNumber: data.tracking_number ?? null };
  }

  /** Fetches a document URL from getShippingDocument (pre-signed: no signature, no token). */
  async downloadDocument(docUrl: string): Promise<{ bytes: Uint8Array; contentType: string }> {
    const call = 'downloadDocument';
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(docUrl, { signal: AbortSignal.timeout(this.policy.timeoutMs) });
        if (response.status >= 500 || response.status === 429)
          throw new MarketplaceError({
            kind: 'transient',
            call,
            message: `HTTP ${response.status}`,
            httpStatus: response.status,
          });
        if (!response.ok)
          throw new MarketplaceError({
            kind: 'not_found',
            call,
            message: `the document is not available (HTTP ${response.status})`,
            httpStatus: response.status,
          });
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.byteLength === 0 || bytes.byteLength > MAX_DOCUMENT_BYTES) {
          throw new MarketplaceError({
            kind: 'malformed',
            call,
            message: `the document has ${bytes.byteLength} bytes`,
            field: 'body',
          });
        }
        return { bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
      } catch (error) {
        const failure = error instanceof MarketplaceError ? error : this.networkError(call, error, false);
        if (!failure.retryable || attempt >= this.policy.attempts) throw failure;
        await this.sleep(backoffDelay(this.policy, attempt, this.random));
      }
    }
  }

  async getShippingProviders(shopId: string, deliveryOptionId: string) {
    const data = await this.request({
      call: 'getShippingProviders',
      method: 'GET',
      path: `/logistics/202309/delivery_options/${encodeURIComponent(deliveryOptionId)}/shipping_providers`,
      shopCipher: await this.cipherFor(shopId),
      schema: ShippingProviders,
    });
    return data.shipping_providers;
  }

  /**
   * Marks one package shipped: TikTok shipping with handover_method (+ pickup_slot), seller shipping with
   * self_shipment {tracking_number, shipping_provider_id}. Fails with kind already_shipped / cancelled /
   * invalid_tracking as the marketplace answers; with mayHaveApplied when no answer arrived.
   */
  async shipPackage(shopId: string, packageId: string, request: z.input<typeof ShipPackageRequest>): Promise<void> {
    await this.request({
      call: 'shipPackage',
      method: 'POST',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/ship`,
      body: ShipPackageRequest.parse(request),
      shopCipher: await this.cipherFor(shopId),
      schema: EmptyData,
      write: true,
    });
  }

  /**
   * Ships up to 50 packages in one call. Each package succeeds or fails on its own: `failed` holds the packages
   * the marketplace refused, each with its own error; every other package was shipped.
   */
  async batchShip(
    shopId: string,
    packages: z.input<typeof BatchShipRequest>['packages'],
  ): Promise<{ shipped: string[]; failed: Array<{ packageId: string; error: MarketplaceError }> }> {
    const body = BatchShipRequest.parse({ packages });
    const data = await this.request({
      call: 'batchShip',
      method: 'POST',
      path: '/fulfillment/202309/packages/ship',
      body,
      shopCipher: await this.cipherFor(shopId),
      schema: BatchShipResult,
      write: true,
    });
    const failed = (data?.errors ?? []).map((item, index) => {
      const packageId = item.detail?.package_id;
      // A refusal that names no package leaves every package of the call in doubt: the sync worker asks upstream.
      if (!packageId) {
        throw new MarketplaceError({
          kind: 'malformed',
          call: 'batchShip',
          field: `data.errors[${index}].detail.package_id`,
          message: `an error (code ${item.code ?? 'none'}) names no package`,
          mayHaveApplied: true,
        });
      }
      const message = item.message ?? '';
      // Without a code the refusal's meaning is unknown: treat the package as possibly shipped and check upstream.
      const kind = item.code === undefined ? 'transient' : kindOfCode(item.code, message);
      return {
        packageId,
        error: new MarketplaceError({
          kind,
          call: 'batchShip',
          code: item.code ?? null,
          message: `package ${packageId}: ${message || 'refused without a reason'}`,
          mayHaveApplied: item.code === undefined,
        }),
      };
    });
    const failedIds = new Set(failed.map((item) => item.packageId));
    return { shipped: body.packages.map((p) => p.id).filter((id) => !failedIds.has(id)), failed };
  }

  /**
   * Mark Package As Shipped (local sellers in US, UK, ES, IE, IT, DE, FR, JP): seller shipping for an order that has
   * no package yet. Creates the package holding these line items and returns its id. Fails like shipPackage.
   */
  async markPackageAsShipped(shopId: string, orderId: string, request: MarkShippedRequest): Promise<MarkShippedResult> {
    const data = await this.request({
      call: 'markPackageAsShipped',
      method: 'POST',
      path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/packages`,
      body: MarkShippedBody.parse({
        order_line_item_ids: request.orderLineItemIds,
        tracking_number: request.trackingNumber,
        shipping_provider_id: request.shippingProviderId,
      }),
      shopCipher: await this.cipherFor(shopId),
      schema: MarkShippedAnswer,
      write: true,
    });
    // TikTok may leave out the item list (optional in the spec): then the package holds the items we named.
    return {
      packageId: data.package_id,
      orderLineItemIds: data.order_line_item_ids ?? request.orderLineItemIds,
      warning: data.warning?.message ?? null,
    };
  }

  /** Changes the tracking number or provider of a shipped package. */
  async updateShippingInfo(
    shopId: string,
    packageId: string,
    request: z.input<typeof UpdateShippingInfoRequest>,
  ): Promise<void> {
    await this.request({
      call: 'updateShippingInfo',
      method: 'POST',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_info/update`,
      body: UpdateShippingInfoRequest.parse(request),
      shopCipher: await this.cipherFor(shopId),
      schema: EmptyData,
      write: true,
    });
  }

  // ---- products -----------------------------------------------------------------------------------------------

  /** A product with its SKUs' identifier codes (GTIN / EAN / UPC): the barcodes a packer scans. */
  async getProduct(shopId: string, productId: string) {
    return this.request({
      call: 'getProduct',
      method: 'GET',
      path: `/product/202309/products/${encodeURIComponent(productId)}`,
      shopCipher: await this.cipherFor(shopId),
      schema: ProductDetail,
    });
  }

  // ---- plumbing -----------------------------------------------------------------------------------------------

  private async cipherFor(shopId: string): Promise<string> {
    let shop = (await this.shops()).find((s) => s.id === shopId);
    if (!shop) {
      this.shopCache = null;
      shop = (await this.shops()).find((s) => s.id === shopId);
    }
    if (!shop)
      throw new MarketplaceError({
        kind: 'config',
        call: 'shops',
        message: `shop ${shopId} is not authorised for this app`,
      });
    return shop.cipher;
  }

  private async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    let refreshed = false;
    let clockFixed = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const data = await this.exchange(spec);
        this.setStatus('connected', 'Connected.');
        // `data` is optional in every spec: an answer without it reads as an empty object (then each schema decides).
        return this.validate(spec.call, spec.schema, data ?? {}, spec.write ?? false);
      } catch (error) {
        if (!(error instanceof MarketplaceError)) throw error;
        if (error.code === TikTokCode.accessTokenExpired && !refreshed) {
          refreshed = true;
          this.log(`${spec.call}: access token expired, refreshing it`);
          await this.refreshAccessToken();
          attempt -= 1;
          continue;
        }
        // The offset was learnt from this answer: one more try with it; a second refusal is not retried here.
        if (error.kind === 'clock') {
          if (clockFixed) throw this.fail(error);
          clockFixed = true;
          attempt -= 1;
          continue;
        }
        const retry = error.retryable && attempt < this.policy.attempts && !(spec.write && error.mayHaveApplied);
        const hintMs = error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000;
        if (!retry || (hintMs !== null && hintMs > this.policy.maxHintMs)) throw this.fail(error);
        const delay = backoffDelay(this.policy, attempt, this.random, hintMs);
        this.log(
          `${spec.call}: ${error.message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${this.policy.attempts})`,
        );
        await this.sleep(delay);
      }
    }
  }

  /** One signed HTTP exchange; returns the envelope's data or throws a MarketplaceError. */
  private async exchange(spec: RequestSpec<z.ZodType>): Promise<unknown> {
    const connection = this.options.connection.read();
    if (!connection.baseUrl || !connection.appKey || !connection.appSecret) {
      throw new MarketplaceError({
        kind: 'config',
        call: spec.call,
        message: 'the marketplace URL, app key and app secret must all be set',
      });
    }
    const query: Record<string, string> = {
      app_key: connection.appKey,
      timestamp: String(Math.floor((this.now() + this.clockOffsetMs) / 1000)),
    };
    if (spec.shopCipher !== null) query.shop_cipher = spec.shopCipher;
    for (const [name, value] of Object.entries(spec.query ?? {})) if (value !== undefined) query[name] = String(value);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    query.sign = signRequest({ appSecret: connection.appSecret, path: spec.path, query, body });
    const url = `${connection.baseUrl.replace(/\/+$/, '')}${spec.path}?${new URLSearchParams(query).toString()}`;

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: spec.method,
        headers: { 'content-type': 'application/json', 'x-tts-access-token': connection.accessToken },
        body,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw this.networkError(spec.call, error, spec.write ?? false);
    }
    const requestId = response.headers.get('x-tt-logid');
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
    const retryAfterSeconds = retryAfterMs === null ? null : retryAfterMs / 1000;
    const write = spec.write ?? false;
    const httpStatus = response.status;
    const reading = readEnvelope(text);
    const envelope = reading.ok ? reading.envelope : null;
    if (httpStatus === 429) {
      const message = envelope
        ? `rate limited (HTTP 429): ${envelope.message} (code ${envelope.code})`
        : 'rate limited (HTTP 429)';
      throw new MarketplaceError({
        kind: 'rate_limited',
        call: spec.call,
        message,
        httpStatus,
        code: envelope?.code || TikTokCode.rateLimited,
        requestId: envelope?.request_id ?? requestId,
        retryAfterSeconds,
      });
    }
    // Whatever the HTTP status, an envelope with a code says what happened (a 4xx or 5xx may carry one).
    if (envelope && envelope.code !== TikTokCode.ok) {
      const { code, message } = envelope;
      let kind = kindOfCode(code, message);
      // A server error with a code the station does not know: the server failed, so a write may have landed.
      if (httpStatus >= 500 && kind === 'rejected') kind = 'transient';
      if (kind === 'clock') this.learnClockOffset(response.headers.get('date'));
      // TikTok's internal errors say nothing about whether a write went through: ask upstream before resending.
      const mayHaveApplied = kind === 'transient' && write;
      throw new MarketplaceError({
        kind,
        call: spec.call,
        code,
        message: `${message} (code ${code})`,
        httpStatus,
        requestId: envelope.request_id ?? requestId,
        retryAfterSeconds,
        mayHaveApplied,
      });
    }
    if (httpStatus >= 500) {
      throw new MarketplaceError({
        kind: 'transient',
        call: spec.call,
        message: `server error (HTTP ${httpStatus})`,
        httpStatus,
        requestId,
        retryAfterSeconds,
        mayHaveApplied: write,
      });
    }
    if (!reading.ok) {
      const field = reading.field;
      const message =
        field === 'body'
          ? `the answer (HTTP ${httpStatus}) is not JSON`
          : `the answer's envelope (HTTP ${httpStatus}) is invalid at ${field}: ${reading.reason}`;
      throw new MarketplaceError({ kind: 'malformed', call: spec.call, message, field, httpStatus, requestId });
    }
    // An envelope saying success under a refusing status: believe the status.
    if (httpStatus < 200 || httpStatus >= 300) {
      throw new MarketplaceError({
        kind: 'rejected',
        call: spec.call,
        message: `refused (HTTP ${httpStatus}): ${reading.envelope.message}`,
        httpStatus,
        requestId: reading.envelope.request_id ?? requestId,
      });
    }
    return reading.envelope.data;
  }

  /** `write`: the answer of a write that succeeded (code 0) but reads wrong: it did land, so it may have applied. */
  private validate<S extends z.ZodType>(call: string, schema: S, data: unknown, write = false): z.output<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = fieldPath('data', issue.path);
    throw this.fail(
      new MarketplaceError({
        kind: 'malformed',
        call,
        message: `unexpected answer at ${field}: ${issue.message}`,
        field,
        mayHaveApplied: write,
      }),
    );
  }

  private networkError(call: string, error: unknown, write: boolean): MarketplaceError {
    const cause = (error as { cause?: { code?: string } }).cause;
    const name = (error as { name?: string }).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    // A refused connection never reached the marketplace, so even a write is safe to send again.
    const neverSent = cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND';
    const reason = timedOut
      ? `no answer within ${this.policy.timeoutMs} ms`
      : `network error (${cause?.code ?? (error as Error).message})`;
    return new MarketplaceError({ kind: 'transient', call, message: reason, mayHaveApplied: write && !neverSent });
  }

  private learnClockOffset(dateHeader: string | null): void {
    const serverTime = dateHeader ? Date.parse(dateHeader) : NaN;
    if (!Number.isNaN(serverTime)) this.clockOffsetMs = serverTime - this.now();
  }

  private async doRefresh(): Promise<void> {
    const call = 'refreshAccessToken';
    const connection = this.options.connection.read();
    if (!connection.refreshToken) {
      throw this.fail(
        new MarketplaceError({
          kind: 'reconnect',
          call,
          message: 'the access token expired and there is no refresh token: reconnect the shop',
        }),
      );
    }
    const base =
      connection.baseUrl.replace(/\/+$/, '') === TIKTOK_API_URL
        ? TIKTOK_AUTH_URL
        : connection.baseUrl.replace(/\/+$/, '');
    const query = new URLSearchParams({
      app_key: connection.appKey,
      app_secret: connection.appSecret,
      refresh_token: connection.refreshToken,
      grant_type: 'refresh_token',
    });
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}/api/v2/token/refresh?${query.toString()}`, {
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw this.fail(this.networkError(call, error, false));
    }
    const reading = readEnvelope(text);
    if (!reading.ok) {
      const httpStatus = response.status;
      if (httpStatus === 429 || httpStatus >= 500) {
        throw this.fail(
          new MarketplaceError({
            kind: httpStatus === 429 ? 'rate_limited' : 'transient',
            call,
            message: `the token service is not answering (HTTP ${httpStatus})`,
            httpStatus,
          }),
        );
      }
      throw this.fail(
        new MarketplaceError({
          kind: 'malformed',
          call,
          message: reading.field === 'body' ? 'the token answer is not JSON' : 'the token answer has no valid envelope',
          field: reading.field,
          httpStatus,
        }),
      );
    }
    const envelope = reading.envelope;
    if (envelope.code !== TikTokCode.ok) {
      const kind = kindOfCode(envelope.code, envelope.message);
      // "Internal error, try again" and rate limits say nothing about the refresh token: the shop stays connected.
      if (kind === 'transient' || kind === 'rate_limited') {
        throw this.fail(
          new MarketplaceError({
            kind,
            call,
            code: envelope.code,
            requestId: envelope.request_id,
            message: `the marketplace could not refresh the access token now (${envelope.message})`,
          }),
        );
      }
      throw this.fail(
        new MarketplaceError({
          kind: 'reconnect',
          call,
          code: envelope.code,
          requestId: envelope.request_id,
          message: `the marketplace refused to refresh the access token (${envelope.message}): reconnect the shop`,
        }),
      );
    }
    const grant = this.validate(call, TokenGrant, envelope.data ?? {});
    this.options.connection.saveTokens({ accessToken: grant.access_token, refreshToken: grant.refresh_token });
    this.log(`${call}: access token refreshed`);
  }

  /** Records what a failure means for the connection as a whole, and passes the error on. */
  private fail(error: MarketplaceError): MarketplaceError {
    if (error.kind === 'reconnect')
      this.setStatus(
        'reconnect_required',
        `The shop must be reconnected: TikTok Shop no longer accepts its authorisation (${error.message}).`,
      );
    else if (error.kind === 'config')
      this.setStatus('config_error', `The marketplace connection settings are wrong: ${error.message}`);
    else if (error.kind === 'transient' || error.kind === 'rate_limited')
      this.setStatus('unreachable', `The marketplace is not answering: ${error.message}`);
    return error;
  }

  private setStatus(state: ConnectionState, message: string): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { state, message, at: this.now() };
    for (const listener of this.listeners) listener(this.current);
  }
}
