import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';

/** What the checks read of a request: its headers (Node's request, or a call read off the socket by plain-calls.ts). */
export type RequestHead = { headers: IncomingHttpHeaders };

/** The header the station's own page sends its per-launch secret in. */
const SECRET_HEADER = 'x-packbench-secret';
/** The page's meta tag that carries the secret (read by renderer/src/station/http-bridge.ts). */
export const SECRET_META = 'packbench-secret';

/** A cookie is shared by every port of a host, so each listener names its own. */
export const secretCookieName = (port: number): string => `packbench_secret_${port}`;

export const newLaunchSecret = (): string => randomBytes(32).toString('base64url');

export function secretsEqual(given: string | null | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(req: RequestHead, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * Host names a request may address this listener by. A page on evil.example that re-resolves its name to 127.0.0.1
 * (DNS rebinding) still sends `Host: evil.example:<port>`, so only names that cannot be an attacker's pass: the
 * loopback names, and for a listener on every interface the machine's own IP addresses.
 */
export function allowedHosts(bound: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (bound === '0.0.0.0' || bound === '::') {
    for (const nic of Object.values(networkInterfaces()).flat()) {
      if (!nic) continue;
      names.add(nic.family === 'IPv6' ? `[${nic.address}]` : nic.address);
    }
  } else {
    names.add(bound.includes(':') ? `[${bound}]` : bound);
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

export type Refusal = { status: 400 | 401 | 403; message: string };

/** Host and Origin: who addressed the request, and from which page. Answers null when both are the station's own. */
export function checkHostAndOrigin(req: RequestHead, hosts: ReadonlySet<string>): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host))
    return {
      status: 403,
      message: `Requests for host ${JSON.stringify(host.slice(0, 100))} are refused: open the station by its own address.`,
    };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { status: 403, message: 'Cross-origin requests are refused.' };
  }
  return null;
}

/** The per-launch secret, from the header (calls) or the station page's cookie (the event stream). */
export function presentsSecret(req: RequestHead, secret: string, port: number): boolean {
  const header = req.headers[SECRET_HEADER];
  return (
    secretsEqual(typeof header === 'string' ? header : null, secret) ||
    secretsEqual(cookieValue(req, secretCookieName(port)), secret)
  );
}
