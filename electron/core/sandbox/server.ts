import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { TikTokCode } from '../marketplace/errors';
import { BatchShipRequest, ShipPackageRequest, UpdateShippingInfoRequest } from '../marketplace/schemas';
import { signaturesMatch, signRequest } from '../marketplace/signing';
import { productDetail } from './catalogue';
import { FaultRule, Faults, setAtPath, type FaultInput } from './faults';
import { ApiError, Market, type MarketOptions } from './market';
import { shippingLabelPdf, shippingLabelZpl } from './shipping-label';
import { orderJson, packageJson } from './tiktok-json';
import { CURRENCY, deliveryOptionById, PROVIDER_IDS, type SandboxShop } from './world';

export interface SandboxCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

export interface SandboxOptions extends Partial<MarketOptions> {
  /** 0: any free port. Always bound to 127.0.0.1. */
  port?: number;
  credentials?: SandboxCredentials;
  /** Requests per second per API and shop before 429 (TikTok's default is 50). */
  rateLimitPerSecond?: number;
}

/** A running sandbox marketplace; tests drive its state and faults through this handle or over HTTP (/sandbox/...). */
export interface Sandbox {
  url: string;
  market: Market;
  faults: Faults;
  /** The credentials it accepts now (the tokens change when the client refreshes them). */
  credentials(): SandboxCredentials;
  /** Times the package was shipped successfully: 1 is right, 2 would be a double ship. */
  shipCount(packageId: string): number;
  close(): Promise<void>;
}

const randomToken = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export function newSandboxCredentials(): SandboxCredentials {
  return { appKey: randomToken('sbx').slice(0, 15), appSecret: randomToken(''), accessToken: randomToken('ROW_'), refreshToken: randomToken('RFT_') };
}

/** Timestamp window TikTok accepts: 5 minutes back, 30 seconds ahead. */
const PAST_WINDOW = 300;
const FUTURE_WINDOW = 30;
const DOCUMENT_TTL = 24 * 3600;
const MAX_BODY = 1024 * 1024;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Rate-limit bucket: one per API, like TikTok's. */
  api: string;
  shopScoped: boolean;
  handle(ctx: RouteContext): unknown;
}

interface RouteContext {
  shop: SandboxShop;
  params: string[];
  query: URLSearchParams;
  body: unknown;
}

const SearchBody = z.object({
  order_status: z.string().optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
  create_time_ge: z.number().int().optional(),
  create_time_lt: z.number().int().optional(),
});

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(TikTokCode.invalidParameter, `Invalid parameter: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Starts the sandbox marketplace on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const market = new Market({
    seed: options.seed ?? 1,
    orders: options.orders ?? 120,
    epoch: options.epoch ?? Math.floor(now() / 1000),
    arrivalEverySeconds: options.arrivalEverySeconds ?? 900,
    now,
  });
  const faults = new Faults();
  let credentials = { ...(options.credentials ?? newSandboxCredentials()) };
  /** Access tokens replaced by a refresh: TikTok answers "expired" for them rather than "invalid". */
  const retiredTokens = new Set<string>();
  let expiry: FaultRule | null = null;
  const rateWindows = new Map<string, { second: number; count: number }>();
  const documents = new Map<string, { shopId: string; packageId: string; format: 'PDF' | 'ZPL'; expiresAt: number }>();
  let requestCounter = 0;
  let baseUrl = '';

  const shopByCipher = (cipher: string | null) => market.shops().find((shop) => shop.cipher === cipher);

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/authorization\/202309\/shops$/,
      api: 'shops',
      shopScoped: false,
      handle: () => ({
        shops: market.shops().map((shop) => ({ id: shop.id, name: shop.name, region: shop.region, seller_type: shop.sellerType, cipher: shop.cipher, code: shop.code })),
      }),
    },
    {
      method: 'POST',
      pattern: /^\/order\/202309\/orders\/search$/,
      api: 'searchOrders',
      shopScoped: true,
      handle: ({ shop, query, body }) => {
        const filter = parse(SearchBody, body ?? {});
        const pageSize = Number(query.get('page_size') ?? '');
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ApiError(TikTokCode.invalidParameter, 'page_size must be 1 to 100.');
        const sortField = query.get('sort_field') === 'create_time' ? 'create_time' : 'update_time';
        const sortOrder = query.get('sort_order') === 'DESC' ? 'DESC' : 'ASC';
        const search = {
          shopId: shop.id,
          orderStatus: filter.order_status,
          updateTimeGe: filter.update_time_ge,
          updateTimeLt: filter.update_time_lt,
          createTimeGe: filter.create_time_ge,
          createTimeLt: filter.create_time_lt,
          sortField,
          sortOrder,
        } as const;
        const ids = market.search(search);
        const offset = decodePageToken(query.get('page_token'), JSON.stringify(search));
        const page = ids.slice(offset, offset + pageSize);
        const next = offset + pageSize < ids.length ? encodePageToken(offset + pageSize, JSON.stringify(search)) : '';
        return { orders: page.map((id) => orderJson(market.order(id)!)), next_page_token: next, total_count: ids.length };
      },
    },
    {
      method: 'GET',
      pattern: /^\/order\/202309\/orders$/,
      api: 'getOrders',
      shopScoped: true,
      handle: ({ shop, query }) => {
        const ids = (query.get('ids') ?? '').split(',').filter(Boolean);
        if (ids.length === 0 || ids.length > 50) throw new ApiError(TikTokCode.invalidParameter, 'ids must list 1 to 50 order ids.');
        return { orders: ids.map((id) => market.order(id)).filter((o) => o?.shop.id === shop.id).map((o) => orderJson(o!)) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/ship$/,
      api: 'batchShip',
      shopScoped: true,
      handle: ({ shop, body }) => {
        const request = parse(BatchShipRequest, body);
        const errors: Array<{ code: number; message: string; detail: { package_id: string } }> = [];
        for (const { id, ...ship } of request.packages) {
          try {
            market.ship(shop, id, ship);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            errors.push({ code: error.code, message: error.message, detail: { package_id: id } });
          }
        }
        return { errors };
      },
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)$/,
      api: 'getPackage',
      shopScoped: true,
      handle: ({ shop, params }) => {
        const { order, pkg } = market.packageOf(shop, params[0]!);
        return packageJson(order, pkg);
      },
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/ship$/,
      api: 'shipPackage',
      shopScoped: true,
      handle: ({ shop, params, body }) => {
        market.ship(shop, params[0]!, parse(ShipPackageRequest, body));
        return {};
      },
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/handover_time_slots$/,
      api: 'handoverTimeSlots',
      shopScoped: true,
      handle: ({ shop, params }) => {
        const { order } = market.packageOf(shop, params[0]!);
        if (order.shippingType === 'SELLER') return { can_pickup: false, can_drop_off: false, pickup_slots: [] };
        return market.handoverSlots();
      },
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_documents$/,
      api: 'shippingDocuments',
      shopScoped: true,
      handle: ({ shop, params, query }) => {
        const { order, pkg } = market.packageOf(shop, params[0]!);
        if (order.status === 'CANCELLED') throw new ApiError(TikTokCode.orderCancelled, 'The order has been cancelled.');
        if (order.shippingType !== 'TIKTOK' || !pkg.trackingNumber) {
          throw new ApiError(TikTokCode.documentUnavailable, 'Shipping documents are issued only for packages shipped by TikTok.');
        }
        const type = query.get('document_type') ?? '';
        if (!['SHIPPING_LABEL', 'PACKING_SLIP', 'SHIPPING_LABEL_AND_PACKING_SLIP'].includes(type)) throw new ApiError(TikTokCode.invalidParameter, 'document_type is required.');
        const format = (query.get('document_format') ?? 'PDF') === 'ZPL' ? 'ZPL' : 'PDF';
        const token = randomBytes(12).toString('hex');
        documents.set(token, { shopId: shop.id, packageId: pkg.id, format, expiresAt: market.now() + DOCUMENT_TTL });
        return { doc_url: `${baseUrl}/sandbox/documents/${token}`, tracking_number: pkg.trackingNumber };
      },
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_info\/update$/,
      api: 'updateShippingInfo',
      shopScoped: true,
      handle: ({ shop, params, body }) => {
        const request = parse(UpdateShippingInfoRequest, body);
        market.updateShippingInfo(shop, params[0]!, request.tracking_number, request.shipping_provider_id);
        return {};
      },
    },
    {
      method: 'GET',
      pattern: /^\/logistics\/202309\/delivery_options\/([^/]+)\/shipping_providers$/,
      api: 'shippingProviders',
      shopScoped: true,
      handle: ({ shop, params }) => {
        const option = deliveryOptionById(params[0]!);
        if (!option || option.shop.id !== shop.id) throw new ApiError(TikTokCode.notFound, `Delivery option ${params[0]} does not exist in this shop.`);
        return { shipping_providers: shop.providers[option.tier].map((carrier) => ({ id: PROVIDER_IDS[carrier], name: carrier })) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/product\/202309\/products\/([^/]+)$/,
      api: 'getProduct',
      shopScoped: true,
      handle: ({ shop, params }) => {
        const product = productDetail(shop, params[0]!, CURRENCY[shop.region] ?? 'USD');
        if (!product) throw new ApiError(TikTokCode.notFound, `Product ${params[0]} does not exist in this shop.`);
        return product;
      },
    },
  ];

  const requestId = () => {
    requestCounter += 1;
    const stamp = new Date(market.nowMs()).toISOString().replace(/\D/g, '').slice(0, 14);
    return `${stamp}${String(requestCounter).padStart(6, '0')}SBX`;
  };

  const send = (res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, { Date: new Date(market.nowMs()).toUTCString(), 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const envelope = (code: number, message: string, id: string, data?: unknown) => ({ code, message, request_id: id, ...(data === undefined ? {} : { data }) });

  const refuse = (res: ServerResponse, id: string, code: number, message: string, status = 200, headers: Record<string, string> = {}) =>
    send(res, status, JSON.stringify(envelope(code, message, id)), { 'x-tt-logid': id, ...headers });

  function verify(req: IncomingMessage, path: string, query: URLSearchParams, rawBody: string): { code: number; message: string } | null {
    if (query.get('app_key') !== credentials.appKey) return { code: TikTokCode.invalidAppKey, message: 'Invalid app_key.' };
    const params = Object.fromEntries([...query.entries()]);
    const body = (req.headers['content-type'] ?? '').startsWith('multipart/form-data') ? '' : rawBody;
    const expected = signRequest({ appSecret: credentials.appSecret, path, query: params, body });
    if (!signaturesMatch(expected, query.get('sign') ?? '')) return { code: TikTokCode.invalidSignature, message: 'Invalid signature.' };
    const timestamp = Number(query.get('timestamp'));
    const clock = market.now();
    if (!Number.isInteger(timestamp) || timestamp < clock - PAST_WINDOW || timestamp > clock + FUTURE_WINDOW) {
      return { code: TikTokCode.timestampOutOfWindow, message: 'The timestamp is outside the accepted window.' };
    }
    const token = req.headers['x-tts-access-token'];
    if (token !== credentials.accessToken) {
      return typeof token === 'string' && retiredTokens.has(token)
        ? { code: TikTokCode.accessTokenExpired, message: 'Access token is expired.' }
        : { code: TikTokCode.invalidAccessToken, message: 'Invalid access token.' };
    }
    if (expiry) return { code: TikTokCode.accessTokenExpired, message: 'Access token is expired.' };
    return null;
  }

  function overLimit(key: string): boolean {
    const second = Math.floor(now() / 1000);
    const window = rateWindows.get(key);
    if (!window || window.second !== second) {
      rateWindows.set(key, { second, count: 1 });
      return false;
    }
    window.count += 1;
    return window.count > (options.rateLimitPerSecond ?? 50);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const id = requestId();
    const fault = faults.take(req.method ?? 'GET', url.pathname);
    if (fault?.kind === 'rate_limit') return refuse(res, id, TikTokCode.rateLimited, 'Too many requests.', 429, { 'retry-after': String(fault.retryAfterSeconds) });
    if (fault?.kind === 'server_error') return send(res, fault.status, JSON.stringify(envelope(50000, 'Internal server error', id)), { 'x-tt-logid': id });
    if (fault?.kind === 'bad_signature') return refuse(res, id, TikTokCode.invalidSignature, 'Invalid signature.');
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    expiry ??= faults.takeExpiry();

    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) return refuse(res, id, 36009001, `No API at ${req.method} ${url.pathname}.`, 404);
    const refusal = verify(req, url.pathname, url.searchParams, rawBody);
    if (refusal) return refuse(res, id, refusal.code, refusal.message);
    const cipher = url.searchParams.get('shop_cipher');
    const shop = shopByCipher(cipher);
    if (route.shopScoped && !cipher) return refuse(res, id, TikTokCode.shopCipherMissing, 'shop_cipher is required.');
    if (route.shopScoped && !shop) return refuse(res, id, TikTokCode.shopCipherInvalid, 'shop_cipher is invalid.');
    if (overLimit(`${cipher ?? 'app'}|${route.api}`)) return refuse(res, id, TikTokCode.rateLimited, 'Too many requests.', 429, { 'retry-after': '1' });

    let body: unknown;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return refuse(res, id, TikTokCode.invalidParameter, 'The request body is not JSON.');
      }
    }
    market.tick();
    let answer: ReturnType<typeof envelope>;
    try {
      const data = route.handle({ shop: shop!, params: route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent), query: url.searchParams, body });
      answer = envelope(0, 'Success', id, data);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return refuse(res, id, error.code, error.message, error.httpStatus);
    }
    if (fault?.kind === 'drop_after_write') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'bad_field') setAtPath(answer, fault.field, fault.value);
    const text = JSON.stringify(answer);
    send(res, 200, fault?.kind === 'malformed_json' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text, { 'x-tt-logid': id });
  }

  function refreshToken(res: ServerResponse, url: URL): void {
    const id = requestId();
    const q = url.searchParams;
    const refreshable = !expiry || expiry.refreshable;
    if (q.get('app_key') !== credentials.appKey || q.get('app_secret') !== credentials.appSecret) return refuse(res, id, TikTokCode.invalidAppKey, 'Invalid app credentials.');
    if (q.get('grant_type') !== 'refresh_token' || q.get('refresh_token') !== credentials.refreshToken || !refreshable) {
      return refuse(res, id, TikTokCode.invalidRefreshToken, 'The refresh token is invalid or expired.');
    }
    retiredTokens.add(credentials.accessToken);
    credentials = { ...credentials, accessToken: randomToken('ROW_'), refreshToken: randomToken('RFT_') };
    expiry = null;
    send(
      res,
      200,
      JSON.stringify(
        envelope(0, 'success', id, {
          access_token: credentials.accessToken,
          access_token_expire_in: market.now() + 7 * 86_400,
          refresh_token: credentials.refreshToken,
          refresh_token_expire_in: market.now() + 365 * 86_400,
          open_id: 'sbx-open-id',
          seller_name: 'Packbench Sandbox Seller',
        }),
      ),
    );
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const json = (status: number, value: unknown) => send(res, status, JSON.stringify(value));
    let body: Record<string, unknown> = {};
    try {
      if (rawBody) body = z.record(z.string(), z.unknown()).parse(JSON.parse(rawBody));
    } catch {
      return json(400, { error: 'The body must be a JSON object.' });
    }
    const path = url.pathname;
    const documentMatch = /^\/sandbox\/documents\/([0-9a-f]+)$/.exec(path);
    if (req.method === 'GET' && documentMatch) {
      const document = documents.get(documentMatch[1]!);
      if (!document || document.expiresAt < market.now()) return json(404, { error: 'This document link has expired.' });
      const shop = market.shops().find((s) => s.id === document.shopId)!;
      const { order, pkg } = market.packageOf(shop, document.packageId);
      if (document.format === 'ZPL') return send(res, 200, shippingLabelZpl(order, pkg), { 'content-type': 'text/plain; charset=utf-8' });
      return send(res, 200, await shippingLabelPdf(order, pkg), { 'content-type': 'application/pdf' });
    }
    if (req.method === 'GET' && path === '/sandbox/state') {
      market.tick();
      const byStatus: Record<string, number> = {};
      for (const order of market.allOrders()) byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
      return json(200, {
        clock: market.now(),
        orders: byStatus,
        shipCounts: Object.fromEntries(market.shipCounts),
        shipAttempts: Object.fromEntries(market.shipAttempts),
        faults: faults.list(),
        tokenExpired: expiry !== null,
      });
    }
    if (path === '/sandbox/faults' && req.method === 'POST') {
      const rules = (Array.isArray(body.faults) ? body.faults : [body]) as FaultInput[];
      const checked = z.array(FaultRule).safeParse(rules);
      if (!checked.success) return json(400, { error: z.prettifyError(checked.error) });
      faults.add(...rules);
      return json(200, { faults: faults.list() });
    }
    if (path === '/sandbox/faults' && req.method === 'DELETE') {
      faults.clear();
      expiry = null;
      return json(200, { faults: [] });
    }
    if (path === '/sandbox/clock' && req.method === 'POST') {
      const seconds = z.number().safeParse(body.advanceSeconds);
      if (!seconds.success) return json(400, { error: 'advanceSeconds must be a number' });
      market.advanceClock(seconds.data);
      return json(200, { clock: market.now() });
    }
    if (path === '/sandbox/orders' && req.method === 'POST') {
      const count = z.number().int().min(1).max(10_000).safeParse(body.count ?? 1);
      if (!count.success) return json(400, { error: 'count must be 1 to 10000' });
      return json(200, { orderIds: market.addOrders(count.data).map((order) => order.id) });
    }
    const cancelMatch = /^\/sandbox\/orders\/([^/]+)\/cancel$/.exec(path);
    if (cancelMatch && req.method === 'POST') {
      try {
        const order = market.cancel(cancelMatch[1]!, typeof body.reason === 'string' ? body.reason : undefined);
        return json(200, { orderId: order.id, status: order.status });
      } catch (error) {
        if (error instanceof ApiError) return json(409, { error: error.message });
        throw error;
      }
    }
    return json(404, { error: `No sandbox control at ${req.method} ${path}.` });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const handled = url.pathname.startsWith('/sandbox/')
        ? control(req, res, url, rawBody)
        : url.pathname === '/api/v2/token/refresh'
          ? Promise.resolve(refreshToken(res, url))
          : api(req, res, url, rawBody);
      handled.catch((error: unknown) => {
        console.error('sandbox marketplace: request failed:', error);
        if (!res.headersSent) send(res, 500, JSON.stringify({ code: 50000, message: 'Internal server error' }));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    market,
    faults,
    credentials: () => ({ ...credentials }),
    shipCount: (packageId) => market.shipCounts.get(packageId) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Page tokens are opaque to the client; this one carries the offset and which search it belongs to. */
function encodePageToken(offset: number, search: string): string {
  return Buffer.from(JSON.stringify({ o: offset, h: hash(search) })).toString('base64url');
}

function decodePageToken(token: string | null, search: string): number {
  if (!token) return 0;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; h?: unknown };
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 && value.h === hash(search)) return value.o;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiError(TikTokCode.invalidParameter, 'page_token is invalid or belongs to another search.');
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
