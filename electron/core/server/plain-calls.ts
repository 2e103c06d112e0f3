import { STATUS_CODES, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Contract calls read straight off their connection, without Node's HTTP machinery. On the 2-core desk machines a
 * bare `http` server that answers every request with the same bytes costs 0.17–0.23 ms of CPU a request, the same
 * answers written from a plain socket 0.07–0.09 ms: with 50 desks and LAN views scrolling their Orders lists, the
 * station's one thread spent most of each call in that machinery, and the callers queued behind it.
 *
 * Only the plainest requests are read here: `POST /api/call/<name> HTTP/1.1`, headers of visible ASCII each given
 * once, a Content-Length within the limit, no Transfer-Encoding, Expect, Upgrade or `Connection: close`, a JSON
 * body, and nothing the listener would refuse. Any other request goes to Node's server with the very bytes read so
 * far, and so does everything after it on that connection: refusals, the UI's files and the event stream are
 * answered in one place only, and a request this reader is unsure of is never half-answered here.
 */
export interface PlainCall {
  name: string;
  /** Header names in lower case, as Node gives them. */
  headers: IncomingHttpHeaders;
  input: unknown;
  /** The caller's address. */
  from: string | null;
}

export interface PlainAnswer {
  status: number;
  headers: Record<string, string | number>;
  bytes: Buffer;
}

export interface PlainCallOptions {
  callPrefix: string;
  maxBodyBytes: number;
  /** Whether the listener would answer this call itself (host, origin, credential): false sends it to Node's server. */
  accepts(call: PlainCall): boolean;
  answer(call: PlainCall): Promise<PlainAnswer>;
}

/** Past this, a head is not a plain call's: Node's server answers it (431). */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\x20-\x7e]*?)[ \t]*$/;
const CALL_NAME = /^[A-Za-z0-9._-]+$/;
/** Headers whose presence makes a request more than a plain call; Node's server knows what to do with them. */
const NOT_PLAIN = new Set(['transfer-encoding', 'expect', 'upgrade']);

type Head =
  | { kind: 'incomplete' }
  | { kind: 'other' }
  | { kind: 'call'; name: string; headers: IncomingHttpHeaders; bodyAt: number; length: number };

/** Reads one request head from the start of `bytes`, strictly: anything unusual is 'other'. */
export function readHead(bytes: Buffer, callPrefix: string, maxBodyBytes: number): Head {
  const end = bytes.indexOf(HEAD_END);
  if (end < 0) return bytes.length > MAX_HEAD_BYTES ? { kind: 'other' } : { kind: 'incomplete' };
  if (end > MAX_HEAD_BYTES) return { kind: 'other' };
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  const requestLine = lines[0]!;
  const prefix = `POST ${callPrefix}`;
  if (!requestLine.startsWith(prefix) || !requestLine.endsWith(' HTTP/1.1')) return { kind: 'other' };
  const name = requestLine.slice(prefix.length, -' HTTP/1.1'.length);
  if (!CALL_NAME.test(name)) return { kind: 'other' };
  // No prototype: a header named like an Object method is a header like any other.
  const headers: IncomingHttpHeaders = Object.create(null) as IncomingHttpHeaders;
  for (let i = 1; i < lines.length; i++) {
    const match = HEADER_LINE.exec(lines[i]!);
    if (!match) return { kind: 'other' };
    const field = match[1]!.toLowerCase();
    if (NOT_PLAIN.has(field) || field in headers) return { kind: 'other' };
    headers[field] = match[2]!;
  }
  const declared = headers['content-length'];
  if (declared === undefined || !/^\d{1,9}$/.test(declared) || Number(declared) > maxBodyBytes)
    return { kind: 'other' };
  if (headers.host === undefined || /\bclose\b/i.test(headers.connection ?? '')) return { kind: 'other' };
  return { kind: 'call', name, headers, bodyAt: end + HEAD_END.length, length: Number(declared) };
}

/** A call's input from its body: JSON, or no input at all (`{}`) for an empty body. Both paths read it so. */
export function callInput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: text.trim() === '' ? {} : JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function answerBytes(answer: PlainAnswer, keepAliveSeconds: number): Buffer {
  let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n`;
  for (const [field, value] of Object.entries(answer.headers)) head += `${field}: ${value}\r\n`;
  head += `connection: keep-alive\r\nkeep-alive: timeout=${keepAliveSeconds}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), answer.bytes]);
}

/**
 * Takes every new connection of `server` first: plain calls are answered here, and the connection is handed to the
 * server (as if it had just connected, with the bytes already read) at its first request that is not one. The server
 * must be listening for its own connection tracking and timeouts to work; `close()` ends the connections still here.
 */
export function takePlainCalls(server: Server, options: PlainCallOptions): { close(): void } {
  const [serverListener] = server.listeners('connection') as Array<(socket: Socket) => void>;
  if (!serverListener) throw new Error('the HTTP server has no connection listener to hand connections to');
  server.removeListener('connection', serverListener);
  const open = new Set<Socket>();
  const keepAliveMs = server.keepAliveTimeout;

  server.on('connection', (socket: Socket) => {
    let buffered: Buffer = Buffer.alloc(0);
    let busy = false;
    let ended = false;
    open.add(socket);

    const onError = () => socket.destroy();
    const onTimeout = () => socket.destroy();
    const onClose = () => open.delete(socket);
    const onEnd = () => {
      ended = true;
      next();
    };
    const onData = (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      next();
    };

    function handOver(): void {
      socket.pause();
      for (const [event, listener] of [
        ['data', onData],
        ['error', onError],
        ['timeout', onTimeout],
        ['close', onClose],
        ['end', onEnd],
      ] as const)
        socket.removeListener(event, listener);
      socket.setTimeout(0);
      open.delete(socket);
      if (buffered.length > 0) socket.unshift(buffered);
      buffered = Buffer.alloc(0);
      serverListener!.call(server, socket);
      // The bytes put back are read (on the next tick) before anything the socket receives after this.
      socket.resume();
    }

    function next(): void {
      // The client may send its last request and close its side at once: that request is still answered.
      const waitForMore = () => {
        if (ended) socket.end();
      };
      while (!busy) {
        const head = readHead(buffered, options.callPrefix, options.maxBodyBytes);
        if (head.kind === 'incomplete') return waitForMore();
        if (head.kind === 'other') return handOver();
        const bodyEnd = head.bodyAt + head.length;
        if (buffered.length < bodyEnd) return waitForMore();
        const input = callInput(buffered.toString('utf8', head.bodyAt, bodyEnd));
        if (!input.ok) return handOver();
        const call: PlainCall = {
          name: head.name,
          headers: head.headers,
          input: input.value,
          from: socket.remoteAddress ?? null,
        };
        if (!options.accepts(call)) return handOver();
        buffered = buffered.subarray(bodyEnd);
        busy = true;
        options.answer(call).then(
          (answer) => {
            if (!socket.writable) return;
            const carryOn = () => {
              busy = false;
              next();
            };
            // A client that sends calls without reading the answers is not read further until it does.
            if (socket.write(answerBytes(answer, Math.round(keepAliveMs / 1000)))) carryOn();
            else socket.once('drain', carryOn);
          },
          (error: unknown) => {
            console.error('station server error:', error);
            socket.destroy();
          },
        );
      }
    }

    socket.setTimeout(keepAliveMs);
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('timeout', onTimeout);
    socket.on('close', onClose);
    socket.on('end', onEnd);
  });

  return {
    close: () => {
      for (const socket of open) socket.destroy();
      open.clear();
    },
  };
}
