import { createHmac } from 'node:crypto';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/core/sandbox/server';

/**
 * Plain signed requests to the sandbox, signed here from TikTok's guide (not with the station's client nor the
 * sandbox's own signer), so the tests see the sandbox the way any TikTok client would.
 */

export interface Answer<T = Record<string, unknown>> {
  status: number;
  code: number;
  message: string;
  request_id: string;
  data: T;
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** The shop's cipher; omitted for app-level APIs. */
  cipher?: string;
  /** Override the access token header (default: the sandbox's current token). */
  token?: string;
  /** Override the timestamp (Unix seconds; default: the sandbox clock). */
  timestamp?: number;
  /** Leave the sign out of the query. */
  unsigned?: boolean;
}

export function sign(secret: string, path: string, query: Record<string, string>, body: string): string {
  const params = Object.keys(query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${query[k]}`)
    .join('');
  return createHmac('sha256', secret).update(`${secret}${path}${params}${body}${secret}`).digest('hex');
}

export async function call<T = Record<string, unknown>>(
  sandbox: Sandbox,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const { appKey, appSecret, accessToken } = sandbox.credentials();
  const query: Record<string, string> = {
    app_key: appKey,
    timestamp: String(options.timestamp ?? sandbox.market.now()),
    ...(options.cipher ? { shop_cipher: options.cipher } : {}),
    ...options.query,
  };
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  if (!options.unsigned) query.sign = sign(appSecret, path, query, body);
  const res = await fetch(`${sandbox.url}${path}?${new URLSearchParams(query)}`, {
    method,
    headers: { 'x-tts-access-token': options.token ?? accessToken, 'content-type': 'application/json' },
    ...(body ? { body } : {}),
  });
  const json = (await res.json()) as Omit<Answer<T>, 'status'>;
  return { status: res.status, ...json };
}

/** POST to a /sandbox/... control. */
export async function controlPost(
  sandbox: Sandbox,
  path: string,
  body: unknown = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A sandbox of `orders` seeded orders, no arrivals, carrier scans only when a test asks. */
export const quietSandbox = (options: SandboxOptions = {}) =>
  startSandbox({ orders: 80, arrivalEverySeconds: 0, collectAfterSeconds: 0, ...options });

export const CIPHERS = {
  usLocal: 'GCP_sbxUS01brightside',
  ukLocal: 'GCP_sbxGB02harbour',
  usCrossBorder: 'ROW_sbxCN03lumi_us',
  euCrossBorder: 'ROW_sbxCN04lumi_eu',
  br: 'ROW_sbxBR05aurora',
} as const;
