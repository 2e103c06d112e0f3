/**
 * HTTP/1.1 as a load generator speaks it, for the benches' callers that stand in for machines of their own (desks,
 * LAN views): one kept-open connection a caller, each request written once as bytes made beforehand, each answer
 * read by its Content-Length. Node's own clients cost more per call than the servers they measured did, and 20 or
 * 50 callers in one process queued behind each other's client work, which the figures counted as the server's.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status line and headers, as sent. */
  head: string;
  status: number;
  gzipped: boolean;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** A request's bytes: `target` is the URL the request goes to (its path and host are used). */
export function requestBytes(
  method: 'GET' | 'POST',
  target: URL,
  headers: Record<string, string>,
  body?: unknown,
): Buffer {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  const lines = [
    `${method} ${target.pathname} HTTP/1.1`,
    `host: ${target.host}`,
    ...(body === undefined ? [] : ['content-type: application/json', `content-length: ${bytes.length}`]),
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), bytes]);
}

/** One caller's kept-open connection: one call at a time. */
export class KeptConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.read();
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static open(url: URL): Promise<KeptConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => resolve(new KeptConnection(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  /** Resolves when the whole answer has arrived. */
  call(request: Buffer): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.waiting = null;
    this.socket.destroy();
  }

  private read(): void {
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd < 0 || !this.waiting) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    if (length === undefined) return this.fail(new Error(`an answer without a Content-Length: ${head}`));
    const end = headEnd + HEAD_END.length + Number(length);
    if (this.buffered.length < end) return;
    const body = this.buffered.subarray(headEnd + HEAD_END.length, end);
    this.buffered = this.buffered.subarray(end);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({
      head,
      status: Number(head.slice(9, 12)),
      gzipped: /\r\ncontent-encoding: *gzip/i.test(head),
      body,
    });
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}
