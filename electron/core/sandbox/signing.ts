import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * TikTok's request signature, written from guides/sign-your-api-request.md: the query parameters except `sign` and
 * `access_token`, sorted by name and concatenated as name+value, behind the request path; then the raw body unless
 * the request is multipart/form-data; wrapped in the app secret on both sides; HMAC-SHA256 keyed with the secret,
 * lowercase hex. The sandbox has its own copy so that it cannot agree with a client's mistake by construction.
 */
export function expectedSign(
  appSecret: string,
  path: string,
  query: URLSearchParams,
  body: string,
  contentType: string,
): string {
  const names = [...new Set(query.keys())].filter((name) => name !== 'sign' && name !== 'access_token').sort();
  const params = names.map((name) => `${name}${query.get(name) ?? ''}`).join('');
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const payload = `${appSecret}${path}${params}${mediaType === 'multipart/form-data' ? '' : body}${appSecret}`;
  return createHmac('sha256', appSecret).update(payload, 'utf8').digest('hex');
}

/** Constant-time comparison, so the time of a refusal says nothing about how much of the sign matched. */
export function signMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
