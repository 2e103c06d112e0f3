import type { z } from 'zod';
import { networkError, readAnswer, readData } from './answer';
import { MarketplaceError, TikTokCode } from './errors';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry';
import { signRequest } from './signing';
import { requestTokenGrant } from './token-refresh';

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

export interface RequestSpec<S extends z.ZodType> {
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

/**
 * The signed, retried, validated exchange every TikTok Shop call goes through, and the connection's state as the
 * answers show it. The calls themselves are in client.ts.
 */
export class MarketplaceTransport {
  private readonly policy: RetryPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  /** Marketplace clock minus ours, learnt from a 36009004 answer's Date header. */
  private clockOffsetMs = 0;
  private refreshing: Promise<void> | null = null;
  private current: ConnectionStatus;
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();

  constructor(protected readonly options: ClientOptions) {
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

  /**
   * Exchanges the refresh token for a new access token (TikTok's token API) and saves both. Fails with kind
   * 'reconnect' when the marketplace refuses: the seller must authorise the app again.
   */
  async refreshAccessToken(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
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
        const failure =
          error instanceof MarketplaceError ? error : networkError(call, error, false, this.policy.timeoutMs);
        if (!failure.retryable || attempt >= this.policy.attempts) throw failure;
        await this.sleep(backoffDelay(this.policy, attempt, this.random));
      }
    }
  }

  protected async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
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

  /** Records what a failure means for the connection as a whole, and passes the error on. */
  protected fail(error: MarketplaceError): MarketplaceError {
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
      throw networkError(spec.call, error, spec.write ?? false, this.policy.timeoutMs);
    }
    const { status, headers } = response;
    try {
      return readAnswer({ call: spec.call, write: spec.write ?? false, status, headers, text, now: this.now() });
    } catch (error) {
      if (error instanceof MarketplaceError && error.kind === 'clock') this.learnClockOffset(headers.get('date'));
      throw error;
    }
  }

  /** `write`: the answer of a write that succeeded (code 0) but reads wrong: it did land, so it may have applied. */
  private validate<S extends z.ZodType>(call: string, schema: S, data: unknown, write = false): z.output<S> {
    try {
      return readData(call, schema, data, write);
    } catch (error) {
      throw error instanceof MarketplaceError ? this.fail(error) : error;
    }
  }

  private learnClockOffset(dateHeader: string | null): void {
    const serverTime = dateHeader ? Date.parse(dateHeader) : NaN;
    if (!Number.isNaN(serverTime)) this.clockOffsetMs = serverTime - this.now();
  }

  private async doRefresh(): Promise<void> {
    let grant;
    try {
      grant = await requestTokenGrant(this.options.connection.read(), this.policy.timeoutMs);
    } catch (error) {
      throw error instanceof MarketplaceError ? this.fail(error) : error;
    }
    this.options.connection.saveTokens({ accessToken: grant.access_token, refreshToken: grant.refresh_token });
    this.log('refreshAccessToken: access token refreshed');
  }

  private setStatus(state: ConnectionState, message: string): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { state, message, at: this.now() };
    for (const listener of this.listeners) listener(this.current);
  }
}
