import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Settings } from '../config/settings';

export const LAN_COOKIE = 'packbench_lan';

export const newLanToken = (): string => randomBytes(24).toString('base64url');

/** The pairing token; a station that turns the LAN view on without one gets a fresh random token saved. */
export function lanToken(settings: Settings): string {
  const token = settings.string('lan.token');
  if (token) return token;
  settings.set('lan.token', newLanToken());
  return settings.string('lan.token');
}

export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: Authorization: Bearer, the pairing cookie, or ?token= in the pairing link. */
export function presentedTokens(req: IncomingMessage, url: URL): { header: string | null; cookie: string | null; query: string | null } {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === LAN_COOKIE)?.[1];
  return { header: bearer?.[1] ?? null, cookie: cookie ?? null, query: url.searchParams.get('token') };
}
