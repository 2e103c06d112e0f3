import { randomBytes } from 'node:crypto';
import type { Settings } from '../config/settings';
import { cookieValue, secretsEqual, type RequestHead } from './request-guard';

export const LAN_COOKIE = 'packbench_lan';

export const newLanToken = (): string => randomBytes(24).toString('base64url');

/** The pairing token; a station that turns the LAN view on without one gets a fresh random token saved. */
export function lanToken(settings: Settings): string {
  const token = settings.string('lan.token');
  if (token) return token;
  settings.set('lan.token', newLanToken());
  return settings.string('lan.token');
}

export const tokenMatches = secretsEqual;

/** The token a request carries: Authorization: Bearer, the pairing cookie, or ?token= in the pairing link (given its URL). */
export function presentedTokens(
  req: RequestHead,
  url: URL | null,
): { header: string | null; cookie: string | null; query: string | null } {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return {
    header: bearer?.[1] ?? null,
    cookie: cookieValue(req, LAN_COOKIE),
    query: url?.searchParams.get('token') ?? null,
  };
}
