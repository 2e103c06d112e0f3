import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readHead, takePlainCalls, type PlainCall } from '../../../electron/core/server/plain-calls';

const PREFIX = '/api/call/';
const MAX_BODY = 1000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads answers off a raw connection by their Content-Length, as they come. */
class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly answers: Answer[] = [];
  private waiting: (() => void) | null = null;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.parse();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  /** The next `count` answers; rejects if the connection closes first. */
  async next(count: number): Promise<Answer[]> {
    while (this.answers.length < count) {
      if (this.closed) throw new Error(`the connection closed after ${this.answers.length} answers`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    return this.answers.splice(0, count);
  }

  private parse(): void {
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) break;
      const [statusLine, ...lines] = this.buffered.toString('latin1', 0, end).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const length = Number(headers['content-length'] ?? 0);
      if (this.buffered.length < end + 4 + length) break;
      this.answers.push({
        status: Number(statusLine!.split(' ')[1]),
        headers,
        body: this.buffered.toString('utf8', end + 4, end + 4 + length),
      });
      this.buffered = this.buffered.subarray(end + 4 + length);
    }
    this.waiting?.();
  }
}

const call = (name: string, body: string, extra = '') =>
  `POST ${PREFIX}${name} HTTP/1.1\r\nhost: station\r\ncontent-type: application/json\r\n${extra}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('plain calls read off the connection, everything else by Node', () => {
  let server: Server;
  let plain: { close(): void };
  let port: number;
  /** Requests Node's server read, as "METHOD url body". */
  let nodeRequests: string[];
  let clients: RawClient[];
  /** Calls answered by the plain path so far. */
  let answered: number;

  async function start(accepts: (call: PlainCall) => boolean = () => true): Promise<void> {
    nodeRequests = [];
    clients = [];
    answered = 0;
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        nodeRequests.push(`${req.method} ${req.url} ${body}`);
        const text = JSON.stringify({ by: 'node', method: req.method, url: req.url, body });
        res.writeHead(req.headers['x-refuse'] ? 403 : 200, { 'content-length': Buffer.byteLength(text) }).end(text);
      });
    });
    plain = takePlainCalls(server, {
      callPrefix: PREFIX,
      maxBodyBytes: MAX_BODY,
      accepts: (call) => call.headers['x-refuse'] === undefined && accepts(call),
      answer: async (call) => {
        answered++;
        const pad = call.name === 'big' ? 'x'.repeat(1_000_000) : '';
        const bytes = Buffer.from(JSON.stringify({ by: 'plain', name: call.name, input: call.input, pad }));
        return { status: 200, headers: { 'content-length': bytes.length }, bytes };
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }

  async function client(): Promise<RawClient> {
    const opened = await RawClient.open(port);
    clients.push(opened);
    return opened;
  }

  afterEach(async () => {
    for (const c of clients) c.socket.destroy();
    plain.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers plain calls itself, on one kept-open connection, in order', async () => {
    await start();
    const c = await client();
    c.send(call('orders.queue', '{"offset":0}') + call('orders.queue', '{"offset":75}'));
    const answers = await c.next(2);
    expect(answers.map((a) => JSON.parse(a.body))).toEqual([
      { by: 'plain', name: 'orders.queue', input: { offset: 0 }, pad: '' },
      { by: 'plain', name: 'orders.queue', input: { offset: 75 }, pad: '' },
    ]);
    expect(answers[0]!.headers['keep-alive']).toMatch(/^timeout=\d+$/);
    expect(nodeRequests).toEqual([]);
  });

  it('reads no more calls from a client that does not read its answers, until it does', async () => {
    await start();
    const c = await client();
    c.socket.pause();
    c.send(call('big', '{}').repeat(50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBeLessThan(50);
    c.socket.resume();
    expect(await c.next(50)).toHaveLength(50);
    expect(answered).toBe(50);
  });

  it('reads a call sent a byte at a time', async () => {
    await start();
    const c = await client();
    c.socket.setNoDelay(true);
    for (const byte of Buffer.from(call('station.status', '{}'))) {
      c.send(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(JSON.parse((await c.next(1))[0]!.body)).toMatchObject({ by: 'plain', name: 'station.status' });
  });

  it('hands the connection to Node at its first request that is not a plain call, pipelined bytes and all', async () => {
    await start();
    const c = await client();
    c.send(
      call('a', '{"n":1}') +
        'GET /index.html HTTP/1.1\r\nhost: station\r\n\r\n' +
        call('b', '{"n":2}') +
        `POST ${PREFIX}c HTTP/1.1\r\nhost: station\r\ntransfer-encoding: chunked\r\n\r\n7\r\n{"n":3}\r\n0\r\n\r\n`,
    );
    const answers = (await c.next(4)).map((a) => JSON.parse(a.body) as { by: string });
    expect(answers.map((a) => a.by)).toEqual(['plain', 'node', 'node', 'node']);
    expect(nodeRequests).toEqual([`GET /index.html `, `POST ${PREFIX}b {"n":2}`, `POST ${PREFIX}c {"n":3}`]);
  });

  it('leaves a call the listener would refuse to Node, body included', async () => {
    await start();
    const c = await client();
    c.send(call('orders.queue', '{"offset":0}', 'x-refuse: yes\r\n'));
    const [answer] = await c.next(1);
    expect(answer!.status).toBe(403);
    expect(nodeRequests).toEqual([`POST ${PREFIX}orders.queue {"offset":0}`]);
  });

  it('leaves to Node a head it reads strictly as unusual: the same bytes reach Node', async () => {
    await start();
    const unusual = [
      // A body that is not JSON: Node's side answers it (the station: 400 with the parser's message).
      call('x', 'not json'),
      // A body over the limit (the station: 413).
      call('x', `"${'a'.repeat(MAX_BODY)}"`),
      // A header given twice, and one folded over two lines.
      `POST ${PREFIX}x HTTP/1.1\r\nhost: station\r\nx-a: 1\r\nx-a: 2\r\ncontent-length: 2\r\n\r\n{}`,
      // An escaped call name.
      `POST ${PREFIX}x%2Fy HTTP/1.1\r\nhost: station\r\ncontent-length: 2\r\n\r\n{}`,
      // HTTP/1.0.
      `POST ${PREFIX}x HTTP/1.0\r\nhost: station\r\ncontent-length: 2\r\n\r\n{}`,
    ];
    for (const request of unusual) {
      const c = await client();
      c.send(request);
      const [answer] = await c.next(1);
      expect(JSON.parse(answer!.body), request).toMatchObject({ by: 'node' });
    }
  });

  it('answers a call whose client closed its side after sending it, then closes', async () => {
    await start();
    const c = await client();
    c.socket.end(call('x', '{}'));
    expect(JSON.parse((await c.next(1))[0]!.body)).toMatchObject({ by: 'plain' });
    await expect.poll(() => c.closed).toBe(true);
  });

  it('hands `Connection: close` to Node, which closes after its answer', async () => {
    await start();
    const c = await client();
    c.send(call('x', '{}', 'connection: close\r\n'));
    expect(JSON.parse((await c.next(1))[0]!.body)).toMatchObject({ by: 'node' });
    await expect.poll(() => c.closed).toBe(true);
  });

  it('closes the connections it still holds when the listener closes', async () => {
    await start();
    const c = await client();
    c.send(call('x', '{}'));
    await c.next(1);
    plain.close();
    await expect.poll(() => c.closed).toBe(true);
  });
});

describe('readHead reads a plain call exactly as Node would', () => {
  // Each part mostly well-formed, sometimes not: a request is a call only when all of its parts are.
  const sometimes = <T, U>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<U>) =>
    fc.oneof({ weight: 5, arbitrary: usual }, { weight: 1, arbitrary: unusual });
  const values = sometimes(
    fc.constantFrom('station', '2', '10', ' 2 ', 'keep-alive', ''),
    fc.oneof(
      fc.constantFrom('2, 2', '-1', 'close', 'chunked', '100-continue'),
      fc.string({ unit: fc.constantFrom('a', ' ', '\t', '1', ',', '\x7f', 'é', '"', ':'), maxLength: 6 }),
    ),
  );
  const colon = sometimes(fc.constantFrom(':', ': '), fc.constant(' :'));
  const header = fc.tuple(
    sometimes(
      fc.constantFrom('x-a', 'connection', 'accept-encoding'),
      fc.constantFrom('host', 'Host', 'content-length', 'Content-Length', 'transfer-encoding', 'expect', 'upgrade'),
    ),
    colon,
    values,
  );
  const requests = fc
    .record({
      line: sometimes(
        fc.constantFrom(`POST ${PREFIX}orders.queue HTTP/1.1`, `POST ${PREFIX}a.b-c_d HTTP/1.1`),
        fc.constantFrom(
          `post ${PREFIX}x HTTP/1.1`,
          `POST ${PREFIX}x  HTTP/1.1`,
          `POST ${PREFIX}x?y=1 HTTP/1.1`,
          `POST ${PREFIX} HTTP/1.1`,
          `GET ${PREFIX}x HTTP/1.1`,
        ),
      ),
      body: fc.constantFrom('', '{}', '{"offset":25}', '[1,2,3,4,5,6,7,8,9,10]'),
      host: fc.option(fc.tuple(fc.constant('Host'), colon, values), { freq: 8 }),
      // Mostly the body's own length, so that many requests are calls and the property does not hold vacuously.
      length: fc.option(values, { freq: 2 }),
      others: fc.array(header, { maxLength: 3 }),
      order: fc.nat(),
    })
    .map(({ line, body, host, length, others, order }) => {
      const headers: Array<readonly [string, string, string]> = [
        ...(host ? [host] : []),
        ['Content-Length', ': ', length ?? String(Buffer.byteLength(body))],
        ...others,
      ];
      const at = order % headers.length;
      return { line, body, headers: [...headers.slice(at), ...headers.slice(0, at)] };
    });

  it('reads a header named like an Object method as a header', () => {
    const bytes = Buffer.from(
      `POST ${PREFIX}x HTTP/1.1\r\nhost: station\r\nconstructor: 1\r\ncontent-length: 2\r\n\r\n{}`,
    );
    expect(readHead(bytes, PREFIX, MAX_BODY)).toMatchObject({ kind: 'call', headers: { constructor: '1' } });
  });

  it('never reads a call that Node reads otherwise or refuses', async () => {
    const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string } | 'refused'> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.end();
      });
    });
    server.on('clientError', (_error, socket) => {
      seen.push('refused');
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    /** What Node's own server reads of these bytes (the first request only). */
    const nodeReads = (bytes: Buffer) =>
      new Promise<(typeof seen)[number] | 'nothing'>((resolve) => {
        seen.length = 0;
        const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
        socket.resume();
        socket.on('close', () => resolve(seen[0] ?? 'nothing'));
      });
    try {
      let calls = 0;
      await fc.assert(
        fc.asyncProperty(requests, async ({ line, headers, body }) => {
          const head = [line, ...headers.map(([name, colon, value]) => `${name}${colon}${value}`)].join('\r\n');
          const bytes = Buffer.from(`${head}\r\n\r\n${body}`, 'latin1');
          const read = readHead(bytes, PREFIX, MAX_BODY);
          // A call whose body has not all come is waited for, not read.
          if (read.kind !== 'call' || bytes.length < read.bodyAt + read.length) return;
          calls++;
          // Bytes after the call are the next request's, and Node's answer to them is another matter.
          const node = await nodeReads(bytes.subarray(0, read.bodyAt + read.length));
          expect(node).not.toBe('refused');
          expect(node).not.toBe('nothing');
          if (typeof node === 'string') return;
          expect(node.method).toBe('POST');
          expect(node.url).toBe(`${PREFIX}${read.name}`);
          for (const [field, value] of Object.entries(read.headers)) expect(node.headers[field]).toBe(value);
          expect(node.body).toBe(bytes.toString('latin1', read.bodyAt, read.bodyAt + read.length));
        }),
        { numRuns: 400 },
      );
      // The generator must reach the interesting case, or the property holds vacuously.
      expect(calls).toBeGreaterThan(20);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
