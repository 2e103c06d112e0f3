import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAIRING_PAGE_POLICY } from '../../../shared/security/csp';
import { LAN_COOKIE, presentedTokens, tokenMatches } from './lan-token';
import type { RequestHead } from './request-guard';

/** Shown to a browser that opens the LAN view without pairing: both languages, no script, no outside resources. */
const PAIRING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Packbench LAN view</title></head>
<body>
<h1>Packbench LAN view · 局域网看板</h1>
<p>Open the pairing link shown in Settings on the station, or enter its token. · 请打开工作站设置中显示的配对链接，或输入令牌。</p>
<form method="get" action="/"><label>Token · 令牌 <input name="token" autocomplete="off" required></label> <button type="submit">Pair · 配对</button></form>
</body></html>`;

/**
 * Lets a request through to the LAN view only with the station's pairing token. Opening the pairing link stores the
 * token in a strict same-site cookie and drops it from the address bar, so the page's own calls and event stream
 * carry it from then on.
 */
export function lanGate(currentToken: () => string, onPaired: (req: IncomingMessage) => void) {
  const carries = (head: RequestHead): boolean => {
    const presented = presentedTokens(head, null);
    const token = currentToken();
    return tokenMatches(presented.header, token) || tokenMatches(presented.cookie, token);
  };
  const authorize = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://station');
    const token = currentToken();
    const presented = presentedTokens(req, url);
    if (presented.query !== null && tokenMatches(presented.query, token) && req.method === 'GET') {
      url.searchParams.delete('token');
      onPaired(req);
      res.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${LAN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`,
        'cache-control': 'no-store',
      });
      res.end();
      return false;
    }
    if (carries(req)) return true;
    if (url.pathname.startsWith('/api/')) {
      res.writeHead(401, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'www-authenticate': 'Bearer',
      });
      res.end(
        JSON.stringify({
          ok: false,
          error: { code: 'forbidden', message: 'The LAN view needs the pairing token from the station.' },
        }),
      );
      return false;
    }
    res.writeHead(401, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': PAIRING_PAGE_POLICY,
    });
    res.end(PAIRING_PAGE);
    return false;
  };
  return { carries, authorize };
}
