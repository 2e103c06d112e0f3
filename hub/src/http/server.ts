import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DESK_HEADER, DeskId } from '../../../electron/core/hub-link/api';
import { bearer, sameSecret } from '../token';

const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RouteContext {
  url: URL;
  /** The raw body, for signature checks. */
  rawBody: string;
  /** The desk named by the x-packbench-desk header (validated), on desk routes. */
  deskId: string;
  headers: IncomingMessage['headers'];
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** 'desk': bearer token + desk header; 'token': bearer token; 'public': the handler checks (webhooks). */
  access: 'desk' | 'token' | 'public';
  /** The body's schema (POST); the handler receives the parsed value. */
  body?: z.ZodType;
  /** A JSON body (or `json`: one already serialised), or a page (`html`) served with its own Content-Security-Policy. */
  handle(
    input: unknown,
    ctx: RouteContext,
  ): Promise<{ status?: number; body: unknown } | { json: string } | { html: string; csp: string }>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too_large', 'the body is larger than 1 MB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A JSON answer with its length: writeHead before end() would otherwise send it in chunks, framing for the desk to undo. */
function sendJson(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const send = (res: ServerResponse, status: number, body: unknown): void =>
  sendJson(res, status, body === undefined ? '' : JSON.stringify(body));

/** Serves the routes: bearer token compared in constant time, every body validated with its zod schema. */
export async function serveRoutes(
  routes: readonly Route[],
  options: { host: string; port: number; token: string; log?: (line: string) => void },
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://hub');
      const route = routes.find((candidate) => candidate.method === req.method && candidate.path === url.pathname);
      if (!route) throw new HttpError(404, 'not_found', `no ${req.method} ${url.pathname}`);
      if (route.access !== 'public') {
        const presented = bearer(req.headers.authorization);
        if (!presented || !sameSecret(presented, options.token))
          throw new HttpError(
            401,
            'unauthorized',
            'a valid hub token is required (Authorization: Bearer <PACKBENCH_HUB_TOKEN>)',
          );
      }
      let deskId = '';
      if (route.access === 'desk') {
        const desk = DeskId.safeParse(req.headers[DESK_HEADER]);
        if (!desk.success) throw new HttpError(400, 'no_desk', `the ${DESK_HEADER} header must name the desk`);
        deskId = desk.data;
      }
      const rawBody = req.method === 'POST' ? await readBody(req) : '';
      let input: unknown = undefined;
      if (route.body) {
        let json: unknown;
        try {
          json = rawBody ? JSON.parse(rawBody) : {};
        } catch {
          throw new HttpError(400, 'bad_json', 'the body is not JSON');
        }
        const parsed = route.body.safeParse(json);
        if (!parsed.success) throw new HttpError(400, 'invalid', z.prettifyError(parsed.error));
        input = parsed.data;
      }
      const answer = await route.handle(input, { url, rawBody, deskId, headers: req.headers });
      if ('html' in answer) {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': answer.csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        res.end(answer.html);
        return;
      }
      if ('json' in answer) return sendJson(res, 200, answer.json);
      send(res, answer.status ?? 200, answer.body);
    })().catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: error.code, message: error.message });
      options.log?.(`hub: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      send(res, 500, { error: 'internal', message: 'the hub could not answer; it is logged' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return { server, url: `http://${host}:${port}` };
}
