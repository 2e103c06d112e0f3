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

/** Where a page ended: the sort value and id of its last order. */
export interface PageKey {
  value: number;
  id: string;
}

/**
 * Page tokens are opaque to the client; this one is a keyset cursor (the last order's sort value and id) tied to its
 * search. An order updated during a walk sorted by update_time moves behind the cursor and comes again on a later
 * page, so a walk may repeat an order but never skips one that sorts ahead of it.
 */
export function encodePageToken(key: PageKey, search: string): string {
  return Buffer.from(JSON.stringify({ v: key.value, i: key.id, h: hash(search) })).toString('base64url');
}

export function decodePageToken(token: string | null, search: string): PageKey | null {
  if (!token) return null;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown;
      i?: unknown;
      h?: unknown;
    };
    if (typeof value.v === 'number' && typeof value.i === 'string' && value.h === hash(search))
      return { value: value.v, id: value.i };
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
