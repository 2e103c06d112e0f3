import type { z } from 'zod';
import { invalidParameters } from './errors';
import type { Market } from './market';
import type { Webhooks } from './webhooks';
import type { SandboxShop } from './world';

/** One API of the sandbox: its path, and its name (the spec file's), which is also its rate-limit bucket. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  api: string;
  /** shop_cipher: required (shop APIs), or refused as unexpected (Get Authorized Shops). */
  shopScoped: boolean;
  handle(ctx: RouteContext): unknown;
}

export interface RouteContext {
  market: Market;
  shop: SandboxShop;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** The sandbox's own address, for links it hands out (doc_url). */
  baseUrl: string;
  webhooks: Webhooks;
}

/** A request body checked against the spec's request fields; anything else is TikTok's 21001001. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidParameters();
  return parsed.data;
}

/** Page tokens are opaque to the client; this one carries the offset and which search it belongs to. */
export function encodePageToken(offset: number, search: string): string {
  return Buffer.from(JSON.stringify({ o: offset, h: hash(search) })).toString('base64url');
}

export function decodePageToken(token: string | null, search: string): number {
  if (!token) return 0;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; h?: unknown };
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 && value.h === hash(search)) return value.o;
  } catch {
    // Falls through to the refusal below.
  }
  throw invalidParameters();
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
