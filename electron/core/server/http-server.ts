import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_CALL_PREFIX, HTTP_EVENTS, HTTP_IMAGES } from '../../../shared/contract/transport';
import type { Transport } from '../contract/dispatch';
import type { ImageCache } from '../images';
import type { Station } from '../station/services';
import { okEnvelope } from '../contract/answer-json';
import { readBody } from './body';
import {
  allowedHosts,
  checkHostAndOrigin,
  newLaunchSecret,
  presentsSecret,
  type RequestHead,
  secretCookieName,
  SECRET_META,
} from './request-guard';
import { callInput, takePlainCalls, type PlainAnswer, type PlainCall } from './plain-calls';
import { serveStatic } from './static-files';

export interface StationServerOptions {
  station: Station;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** The built renderer (dist/renderer); without it only the API is served. */
  staticDir?: string;
  /** What the dispatcher treats the callers as; 'lan' for the read-only LAN view. */
  transport?: Transport;
  /**
   * Replaces the per-launch secret as the caller's credential (the LAN view's pairing token), checked after Host and
   * Origin: `carries` tells whether a request presents it; `authorize` answers a request itself and returns false to
   * refuse it (or to pair a browser).
   */
  credential?: { carries(head: RequestHead): boolean; authorize(req: IncomingMessage, res: ServerResponse): boolean };
  /** Told of every call answered, with the caller's address (the LAN view audits what a device read). */
  onCall?: (name: string, ok: boolean, from: string | null) => void;
  /** Told when a client opens the event stream: a page of the UI has loaded (the LAN view audits it per device). */
  onStream?: (req: IncomingMessage) => void;
  /** Product pictures served at HTTP_IMAGES (behind the launch secret, like every /api/ path); without it, none. */
  images?: ImageCache;
  /** Bodies larger than this are answered 413 (tests lower it). */
  maxBodyBytes?: number;
}

export interface StationServer {
  url: string;
  port: number;
  /**
   * The per-launch secret every call and the event stream must carry: the station's own page receives it in a meta
   * tag of index.html (calls send it as X-Packbench-Secret) and in an HttpOnly, SameSite=Strict cookie (the event
   * stream, which cannot send headers). A new one is made at every start.
   */
  secret: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): PlainAnswer {
  const bytes = Buffer.from(JSON.stringify(body));
  // A length, not chunks: the framing is fixed before the body is written.
  return { status, headers: { ...JSON_HEADERS, 'content-length': bytes.length, ...headers }, bytes };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const answer = jsonAnswer(status, body, headers);
  res.writeHead(answer.status, answer.headers).end(answer.bytes);
}

const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { ok: false, error: { code, message } });

const acceptsGzip = (headers: IncomingHttpHeaders): boolean => /\bgzip\b/.test(headers['accept-encoding'] ?? '');

/** A path the URL parser would give back unchanged: no escapes, no query, no dot segments, no empty segments. */
const PLAIN_PATH = /^(?:\/[\w-][\w.-]*)*\/?$/;

/** The request's path, or null when it is not a well-formed URL path (a stray `%`, say). */
function requestPath(req: IncomingMessage): string | null {
  // Every call takes this path: parsing a URL costs more than the rest of reading a cached answer's request.
  if (req.url && PLAIN_PATH.test(req.url)) return req.url;
  try {
    const pathname = new URL(req.url ?? '/', 'http://station').pathname;
    decodeURIComponent(pathname);
    return pathname;
  } catch {
    return null;
  }
}

/**
 * Serves the contract over HTTP (POST /api/call/<name>) and events over SSE, plus the UI itself. A localhost port is
 * reachable from every web page the user opens, so every request must name this station as its Host, come from the
 * station's own page when it has an Origin, and (except the page and its files) carry the per-launch secret.
 */
export function startStationServer(options: StationServerOptions): Promise<StationServer> {
  const { station } = options;
  const bound = options.host ?? '127.0.0.1';
  const secret = newLaunchSecret();
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let hosts = new Set<string>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('station server error:', error);
      if (!res.headersSent) refuse(res, 500, 'internal', 'The station server failed.');
      else res.end();
    });
  });
  // Node closes a connection idle for 5 s, and a call sent on it just then is reset (a CI run saw ECONNRESET after a
  // pause at the desk). Clients that ignore the Keep-Alive hint meet that race far less with a minute of grace.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  /** Whether the listener's own credential came with a request: the LAN view's pairing token, else the launch secret. */
  const credentialed = (head: RequestHead): boolean =>
    options.credential ? options.credential.carries(head) : presentsSecret(head, secret, port);

  async function answerCall(call: PlainCall): Promise<PlainAnswer> {
    const result = await station.callRaw(options.transport ?? 'http', call.name, call.input);
    options.onCall?.(call.name, result.ok, call.from);
    const answer = result.ok ? okEnvelope(result.value, acceptsGzip(call.headers)) : null;
    if (!answer) return jsonAnswer(200, result);
    return {
      status: 200,
      headers: {
        ...JSON_HEADERS,
        'content-length': answer.bytes.length,
        vary: 'accept-encoding',
        ...(answer.gzipped ? { 'content-encoding': 'gzip' } : {}),
      },
      bytes: answer.bytes,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostRefusal = checkHostAndOrigin(req, hosts);
    if (hostRefusal) return refuse(res, hostRefusal.status, 'forbidden', hostRefusal.message);
    const pathname = requestPath(req);
    if (pathname === null)
      return refuse(res, 400, 'invalid_input', 'The address is not a valid URL (a stray % or a bad escape).');
    if (options.credential && !options.credential.authorize(req, res)) return;
    const isApi = pathname.startsWith('/api/');
    if (isApi && !options.credential && !presentsSecret(req, secret, port)) {
      return refuse(
        res,
        401,
        'forbidden',
        "This station answers only its own page: the request lacks the station's launch secret.",
      );
    }
    if (pathname.startsWith(HTTP_CALL_PREFIX)) {
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'Calls are POST requests.');
      const body = await readBody(req, maxBody);
      if (!body.ok) {
        sendJson(
          res,
          413,
          { ok: false, error: { code: 'invalid_input', message: body.message } },
          { connection: 'close' },
        );
        return;
      }
      const input = callInput(body.text);
      if (!input.ok) return refuse(res, 400, 'invalid_input', `The request body is not JSON: ${input.message}`);
      const name = decodeURIComponent(pathname.slice(HTTP_CALL_PREFIX.length));
      const answer = await answerCall({
        name,
        headers: req.headers,
        input: input.value,
        from: req.socket.remoteAddress ?? null,
      });
      res.writeHead(answer.status, answer.headers).end(answer.bytes);
      return;
    }
    if (pathname === HTTP_EVENTS) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      options.onStream?.(req);
      // A paired LAN device learns only that something changed (then rereads what it may see), never an event's data.
      const lan = options.transport === 'lan';
      const unsubscribe = station.services.bus.subscribe((event) =>
        res.write(`data: ${JSON.stringify(lan ? { name: event.name, payload: null } : event)}\n\n`),
      );
      // Proxies and sleeping laptops drop idle streams; a comment every 15 s keeps it open and lets the UI notice a dead one.
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      return;
    }
    if (pathname === '/api/health') return sendJson(res, 200, { ok: true });
    if (pathname === HTTP_IMAGES && options.images && (req.method === 'GET' || req.method === 'HEAD')) {
      const image = await options.images.get(new URL(req.url ?? '/', 'http://station').searchParams.get('url') ?? '');
      if (!image) return refuse(res, 404, 'not_found', 'No picture at that address.');
      res.writeHead(200, {
        'content-type': image.type,
        'content-length': String(image.bytes.length),
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : image.bytes);
      return;
    }
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      const page = {
        html: (text: string) => text.replace('</head>', `<meta name="${SECRET_META}" content="${secret}"></head>`),
        headers: { 'set-cookie': `${secretCookieName(port)}=${secret}; Path=/api/; HttpOnly; SameSite=Strict` },
      };
      if (await serveStatic(options.staticDir, pathname, res, page)) return;
    }
    refuse(res, 404, 'not_found', `Nothing at ${pathname}`);
  }

  const plainCalls = takePlainCalls(server, {
    callPrefix: HTTP_CALL_PREFIX,
    maxBodyBytes: maxBody,
    accepts: (call) => checkHostAndOrigin(call, hosts) === null && credentialed(call),
    answer: answerCall,
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, bound, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      hosts = allowedHosts(bound, port);
      resolve({
        port,
        secret,
        url: `http://${bound !== '0.0.0.0' && bound !== '::' ? bound : '127.0.0.1'}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            plainCalls.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
