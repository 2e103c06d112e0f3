import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { control } from './controls';
import { Documents } from './documents';
import { documentedMessage } from './error-table';
import { ApiError, Code, documented } from './errors';
import { Faults, setAtPath, type FaultRule } from './faults';
import { Gate, newSandboxCredentials, type SandboxCredentials } from './gate';
import { Market, type MarketOptions } from './market';
import type { Route } from './route';
import { fulfillmentRoutes } from './routes-fulfillment';
import { shopRoutes } from './routes-shop';

export { newSandboxCredentials, type SandboxCredentials } from './gate';

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

const MAX_BODY = 1024 * 1024;
/** The carrier's first scan, by default, this long after Ship Package on the sandbox clock. */
const DEFAULT_COLLECT_AFTER = 3 * 3600;

type Envelope = { code: number; message: string; request_id: string; data?: unknown };

/** Starts the sandbox marketplace on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const market = new Market({
    seed: options.seed ?? 1,
    orders: options.orders ?? 120,
    epoch: options.epoch ?? Math.floor(now() / 1000),
    arrivalEverySeconds: options.arrivalEverySeconds ?? 900,
    collectAfterSeconds: options.collectAfterSeconds ?? DEFAULT_COLLECT_AFTER,
    now,
  });
  const faults = new Faults();
  const gate = new Gate(options.credentials ?? newSandboxCredentials());
  const documents = new Documents(market);
  const routes: Route[] = [...shopRoutes, ...fulfillmentRoutes(documents)];
  const rateWindows = new Map<string, { second: number; count: number }>();
  let requestCounter = 0;
  let baseUrl = '';

  const requestId = () => {
    requestCounter += 1;
    const stamp = new Date(market.nowMs()).toISOString().replace(/\D/g, '').slice(0, 14);
    return `${stamp}${String(requestCounter).padStart(6, '0')}SBX`;
  };

  const send = (res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, { Date: new Date(market.nowMs()).toUTCString(), 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const reply = (res: ServerResponse, answer: Envelope, status = 200, headers: Record<string, string> = {}) =>
    send(res, status, JSON.stringify(answer), { 'x-tt-logid': answer.request_id, ...headers });

  const refusal = (id: string, error: ApiError): Envelope => ({ code: error.code, message: error.message, request_id: id });

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

  /** The answer a fault stands in for before the request is looked at, or null to go on. */
  function faultAnswer(fault: FaultRule | null, id: string, route: Route | undefined): { answer: Envelope; status: number; headers?: Record<string, string> } | null {
    if (fault?.kind === 'rate_limit') return { answer: refusal(id, documented(Code.rateLimited)), status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds) } };
    if (fault?.kind === 'server_error') return { answer: refusal(id, documented(Code.internal)), status: fault.status ?? 500 };
    if (fault?.kind === 'bad_signature') return { answer: refusal(id, documented(Code.invalidSign)), status: 200 };
    if (fault?.kind === 'error_code') {
      const code = fault.code!;
      const message = fault.message ?? documentedMessage(code, route?.api)!;
      return { answer: { code, message, request_id: id }, status: fault.status ?? (code === Code.rateLimited ? 429 : 200) };
    }
    return null;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const id = requestId();
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    const fault = faults.take(req.method ?? 'GET', url.pathname);
    const faulted = faultAnswer(fault, id, route);
    if (faulted) return reply(res, faulted.answer, faulted.status, faulted.headers);
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    gate.expiry ??= faults.takeExpiry();
    if (!route) return reply(res, refusal(id, documented(Code.invalidPath)), 404);

    let answer: Envelope;
    try {
      market.tick();
      const shop = gate.check(req, url, rawBody, route, market.shops(), market.now());
      if (overLimit(`${shop?.id ?? 'app'}|${route.api}`)) return reply(res, refusal(id, documented(Code.rateLimited)), 429, { 'retry-after': '1' });
      const body = rawBody ? parseJson(rawBody) : undefined;
      const params = route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const data = route.handle({ market, shop: shop!, params, query: url.searchParams, body, baseUrl });
      answer = { code: 0, message: 'Success', request_id: id, data };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return reply(res, refusal(id, error), error.httpStatus);
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
    try {
      const fresh = gate.refresh(url.searchParams);
      reply(res, {
        code: 0,
        message: 'success',
        request_id: id,
        data: {
          access_token: fresh.accessToken,
          access_token_expire_in: market.now() + 7 * 86_400,
          refresh_token: fresh.refreshToken,
          refresh_token_expire_in: market.now() + 365 * 86_400,
          open_id: 'sbx-open-id',
          seller_name: 'Packbench Sandbox Seller',
        },
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply(res, refusal(id, error));
    }
  }

  async function controlRequest(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    let body: Record<string, unknown> = {};
    try {
      if (rawBody) body = z.record(z.string(), z.unknown()).parse(JSON.parse(rawBody));
    } catch {
      return send(res, 400, JSON.stringify({ error: 'The body must be a JSON object.' }));
    }
    const answer = await control({ market, faults, gate, documents }, req, url.pathname, body);
    const raw = typeof answer.body === 'string' || answer.body instanceof Uint8Array;
    send(res, answer.status, raw ? (answer.body as string | Uint8Array) : JSON.stringify(answer.body), answer.contentType ? { 'content-type': answer.contentType } : {});
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
        ? controlRequest(req, res, url, rawBody)
        : url.pathname === '/api/v2/token/refresh'
          ? Promise.resolve(refreshToken(res, url))
          : api(req, res, url, rawBody);
      handled.catch((error: unknown) => {
        console.error('sandbox marketplace: request failed:', error);
        if (!res.headersSent) send(res, 500, JSON.stringify({ code: Code.internal, message: documentedMessage(Code.internal) }));
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
    credentials: () => gate.current(),
    shipCount: (packageId) => market.shipCounts.get(packageId) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A body that is not JSON is TikTok's "invalid request format". */
function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw documented(36009022);
  }
}
