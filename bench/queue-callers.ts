/**
 * The parallel callers of queue.bench.ts, in a process of their own. Fifty desks and LAN views run on machines of
 * their own; in the bench's process they would share one thread with the sandbox marketplace and with fetch(), whose
 * cost per call was more than the station's, so the figure timed the bench, not the station. Here each caller keeps
 * one connection open and accepts gzip, as a browser does, and speaks plain HTTP/1.1 on it the way a load generator
 * does (the request written once, the answer read by its Content-Length): a call counts as answered when its whole
 * answer has arrived, and only a success counts. An answer is unzipped and checked once; the same bytes again (the
 * station sends a page it already sent as the same bytes) are compared, not unzipped again: unzipping each of them
 * is each desk's own work on its own machine, and here, one process for all 50, it took 40% of this process's time,
 * which the figure counted as waiting for the station. The page's JSON is not decoded. The parent sends the job;
 * this process answers with the samples and the CPU it used.
 */
import { connect, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface CallersJob {
  url: string;
  headers: Record<string, string>;
  /** inputs[c]: caller c's calls, made one after the other. */
  inputs: unknown[][];
}

export interface CallersResult {
  /** ms from sending each call to its last answer byte. */
  samples: number[];
  cpuMs: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const SUCCESS = Buffer.from('{"ok":true,');
/** Answers already unzipped and seen to be successes, by their length. */
const successes = new Map<number, Buffer[]>();

/** Whether a 200 answer's bytes are a success: looked up among those already checked, else unzipped and checked. */
function isSuccess(sent: Buffer, gzipped: boolean): boolean {
  const seen = successes.get(sent.length) ?? [];
  if (seen.some((known) => known.equals(sent))) return true;
  const body = gzipped ? gunzipSync(sent) : sent;
  if (!body.subarray(0, SUCCESS.length).equals(SUCCESS)) return false;
  successes.set(sent.length, [...seen, Buffer.from(sent)]);
  return true;
}

/** One caller's kept-open connection: one call at a time, each answer read by its Content-Length. */
class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.read();
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the station closed the connection')));
  }

  static open(url: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => resolve(new Connection(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  call(request: Buffer): Promise<void> {
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
    const sent = this.buffered.subarray(headEnd + HEAD_END.length, end);
    const gzipped = /\r\ncontent-encoding: *gzip/i.test(head);
    this.buffered = this.buffered.subarray(end);
    const waiting = this.waiting;
    this.waiting = null;
    if (head.startsWith('HTTP/1.1 200') && isSuccess(sent, gzipped)) return waiting.resolve();
    const text = (gzipped ? gunzipSync(sent) : sent).toString('utf8', 0, 300);
    waiting.reject(new Error(`orders.queue answered ${head.split('\r\n')[0]}: ${text}`));
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}

function requestBytes(url: URL, headers: Record<string, string>, input: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(input));
  const lines = [
    `POST ${url.pathname} HTTP/1.1`,
    `host: ${url.host}`,
    'content-type: application/json',
    'accept-encoding: gzip',
    `content-length: ${body.length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

async function run(job: CallersJob): Promise<CallersResult> {
  const url = new URL('api/call/orders.queue', job.url);
  const requests = job.inputs.map((calls) => calls.map((input) => requestBytes(url, job.headers, input)));
  const connections = await Promise.all(job.inputs.map(() => Connection.open(url)));
  const cpu = process.cpuUsage();
  const samples: number[] = [];
  try {
    await Promise.all(
      requests.map(async (calls, c) => {
        for (const request of calls) {
          const start = performance.now();
          await connections[c]!.call(request);
          samples.push(performance.now() - start);
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  const used = process.cpuUsage(cpu);
  return { samples, cpuMs: (used.user + used.system) / 1000 };
}

process.once('message', (job: CallersJob) => {
  run(job).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, message: String(error) }, () => process.exit(1)),
  );
});
