import { createHmac, timingSafeEqual } from 'node:crypto';

/** Query parameters that never enter the signature, as TikTok Shop specifies. */
const UNSIGNED = new Set(['sign', 'access_token']);

export interface SignInput {
  appSecret: string;
  path: string;
  query: Readonly<Record<string, string>>;
  /** The raw request body exactly as sent; omit for GET and for multipart/form-data. */
  body?: string;
}

/**
 * TikTok Shop request signature: HMAC-SHA256 keyed with the app secret over
 * secret + path + sorted(name + value) + body + secret, lowercase hex.
 */
export function signRequest({ appSecret, path, query, body = '' }: SignInput): string {
  const params = Object.keys(query)
    .filter((name) => !UNSIGNED.has(name))
    .sort()
    .map((name) => `${name}${query[name]}`)
    .join('');
  return createHmac('sha256', appSecret).update(`${appSecret}${path}${params}${body}${appSecret}`).digest('hex');
}

/** Compares two hex signatures in constant time, so a caller cannot learn a valid signature byte by byte. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
