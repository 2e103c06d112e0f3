import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_CALL_PREFIX, HTTP_EVENTS } from '../../../shared/contract/transport';
import type { Transport } from '../contract/dispatch';
import type { Station } from '../station/station';
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
  /** Checked before anything is served; answers the request itself and returns false to refuse it. */
  authorize?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface StationServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A web page on another origin could otherwise drive the station through the user's browser: calls must come
 * from the station's own page (same Origin) or from a non-browser client (no Origin header).
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Serves the contract over HTTP (POST /api/call/<name>) and events over SSE, plus the UI itself. */
export function startStationServer(options: StationServerOptions): Promise<StationServer> {
  const { station } = options;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('station server error:', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The station server failed.' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.authorize && !options.authorize(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://station');
    if (url.pathname.startsWith(HTTP_CALL_PREFIX)) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Calls are POST requests.' } });
      if (!sameOrigin(req)) return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'Cross-origin calls are refused.' } });
      let input: unknown;
      try {
        const text = await readBody(req);
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch (error) {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `The request body is not JSON: ${(error as Error).message}` } });
      }
      const name = decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length));
      const result = await station.callRaw(options.transport ?? 'http', name, input);
      return sendJson(res, 200, result);
    }
    if (url.pathname === HTTP_EVENTS) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const unsubscribe = station.services.bus.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      // Proxies and sleeping laptops drop idle streams; a comment every 15 s keeps it open and lets the UI notice a dead one.
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      return;
    }
    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true });
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      if (await serveStatic(options.staticDir, url.pathname, res)) return;
    }
    sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `Nothing at ${url.pathname}` } });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
