import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { control } from './controls';
import type { Documents } from './documents';
import { documentedMessage } from './error-table';
import { ApiError, Code, documented } from './errors';
import { setAtPath, type FaultRule, type Faults } from './faults';
import type { Gate } from './gate';
import type { Market } from './market';
import type { Route } from './route';
import type { Webhooks } from './webhooks';

type Envelope = { code: number; message: string; request_id: string; data?: unknown };
type Reply = { answer: Envelope; status: number; headers?: Record<string, string> };

interface HttpDeps {
  market: Market;
  faults: Faults;
  gate: Gate;
  documents: Documents;
  webhooks: Webhooks;
  routes: readonly Route[];
  rateLimitPerSecond: number;
  /** Real time in ms (the rate limit counts real seconds, not the sandbox clock). */
  now: () => number;
}

/** The sandbox's HTTP side: TikTok's APIs behind the gate, the token refresh, and the /sandbox/ controls. */
export class SandboxHttp {
  baseUrl = '';
  private requestCounter = 0;
  private readonly rateWindows = new Map<string, { second: number; count: number }>();

  constructor(private readonly deps: HttpDeps) {}

  handle(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/sandbox/')) return this.control(req, res, url, rawBody);
    if (url.pathname === '/api/v2/token/refresh') return Promise.resolve(this.refreshToken(res, url));
    return this.api(req, res, url, rawBody);
  }

  /** Last resort for an unexpected failure: TikTok's internal error. */
  fail(res: ServerResponse): void {
    if (!res.headersSent)
      this.send(res, 500, JSON.stringify({ code: Code.internal, message: documentedMessage(Code.internal) }));
  }

  private requestId(): string {
    this.requestCounter += 1;
    const stamp = new Date(this.deps.market.nowMs()).toISOString().replace(/\D/g, '').slice(0, 14);
    return `${stamp}${String(this.requestCounter).padStart(6, '0')}SBX`;
  }

  private send(
    res: ServerResponse,
    status: number,
    body: string | Uint8Array,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      Date: new Date(this.deps.market.nowMs()).toUTCString(),
      'content-type': 'application/json',
      ...headers,
    });
    res.end(body);
  }

  private reply(res: ServerResponse, { answer, status, headers }: Reply): void {
    this.send(res, status, JSON.stringify(answer), { 'x-tt-logid': answer.request_id, ...headers });
  }

  private refusal(id: string, error: ApiError, headers?: Record<string, string>): Reply {
    return { answer: { code: error.code, message: error.message, request_id: id }, status: error.httpStatus, headers };
  }

  private overLimit(key: string): boolean {
    const second = Math.floor(this.deps.now() / 1000);
    const window = this.rateWindows.get(key);
    if (!window || window.second !== second) {
      this.rateWindows.set(key, { second, count: 1 });
      return false;
    }
    window.count += 1;
    return window.count > this.deps.rateLimitPerSecond;
  }

  /** The answer a fault stands in for before the request is looked at, or null to go on. */
  private faultReply(fault: FaultRule | null, id: string, route: Route | undefined): Reply | null {
    switch (fault?.kind) {
      case 'rate_limit':
        return this.refusal(id, documented(Code.rateLimited, undefined, 429), {
          'retry-after': String(fault.retryAfterSeconds),
        });
      case 'server_error':
        return this.refusal(id, documented(Code.internal, undefined, fault.status ?? 500));
      case 'bad_signature':
        return this.refusal(id, documented(Code.invalidSign));
      case 'error_code': {
        const code = fault.code!;
        const message = fault.message ?? documentedMessage(code, route?.api)!;
        return this.refusal(id, new ApiError(code, message, fault.status ?? (code === Code.rateLimited ? 429 : 200)));
      }
      default:
        return null;
    }
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const { market, faults, gate, routes, webhooks } = this.deps;
    const id = this.requestId();
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    const fault = faults.take(req.method ?? 'GET', url.pathname);
    const faulted = this.faultReply(fault, id, route);
    if (faulted) return this.reply(res, faulted);
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    gate.expiry ??= faults.takeExpiry();
    if (!route) return this.reply(res, this.refusal(id, documented(Code.invalidPath, undefined, 404)));

    let answer: Envelope;
    try {
      market.tick();
      const shop = gate.check(req, url, rawBody, route, market.shops(), market.now());
      if (this.overLimit(`${shop?.id ?? 'app'}|${route.api}`))
        return this.reply(res, this.refusal(id, documented(Code.rateLimited, undefined, 429), { 'retry-after': '1' }));
      const body = rawBody ? parseJson(rawBody) : undefined;
      const params = route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const data = route.handle({
        market,
        shop: shop!,
        params,
        query: url.searchParams,
        body,
        baseUrl: this.baseUrl,
        webhooks,
      });
      answer = { code: 0, message: 'Success', request_id: id, data };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return this.reply(res, this.refusal(id, error));
    }
    if (fault?.kind === 'drop_after_write') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'bad_field') setAtPath(answer, fault.field, fault.value);
    if (fault?.kind === 'duplicate_order') {
      const orders = (answer.data as { orders?: unknown[] } | undefined)?.orders;
      if (orders && orders.length > 0) orders.push(orders[0]);
    }
    const text = JSON.stringify(answer);
    this.send(
      res,
      200,
      fault?.kind === 'malformed_json' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text,
      { 'x-tt-logid': id },
    );
  }

  private refreshToken(res: ServerResponse, url: URL): void {
    const { market, gate } = this.deps;
    const id = this.requestId();
    try {
      const fresh = gate.refresh(url.searchParams);
      const data = {
        access_token: fresh.accessToken,
        access_token_expire_in: market.now() + 7 * 86_400,
        refresh_token: fresh.refreshToken,
        refresh_token_expire_in: market.now() + 365 * 86_400,
        open_id: 'sbx-open-id',
        seller_name: 'Packbench Sandbox Seller',
      };
      this.reply(res, { answer: { code: 0, message: 'success', request_id: id, data }, status: 200 });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.reply(res, this.refusal(id, error));
    }
  }

  private async control(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    let body: Record<string, unknown> = {};
    try {
      if (rawBody) body = z.record(z.string(), z.unknown()).parse(JSON.parse(rawBody));
    } catch {
      return this.send(res, 400, JSON.stringify({ error: 'The body must be a JSON object.' }));
    }
    const answer = await control(this.deps, req, url.pathname, body);
    const raw = typeof answer.body === 'string' || answer.body instanceof Uint8Array;
    this.send(
      res,
      answer.status,
      raw ? (answer.body as string | Uint8Array) : JSON.stringify(answer.body),
      answer.contentType ? { 'content-type': answer.contentType } : {},
    );
  }
}

/** A body that is not JSON is TikTok's "invalid request format". */
function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw documented(36009022);
  }
}
