import { createServer, type Server, type Socket } from 'node:net';

const ZPL_STATUS = (paperOut: boolean) =>
  Buffer.from(
    `\x02030,${paperOut ? 1 : 0},0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02000,0,0,0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
    'latin1',
  );

/**
 * How long a status question waits at most for the connections opened before it: one left open must not stall it
 * past the 600 ms the station gives a status answer.
 */
const EARLIER_JOBS_WAIT_MS = 400;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** The status questions printers answer at once, and the virtual printer's answers (paper out when told so). */
function statusReply(received: Buffer, paperOut: boolean): Buffer | null {
  const text = received.toString('latin1');
  if (/^~HS\s*$/.test(text)) return ZPL_STATUS(paperOut);
  if (received.equals(Buffer.from([0x1b, 0x21, 0x3f]))) return Buffer.from([paperOut ? 0x04 : 0x00]);
  if (received.equals(Buffer.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04])))
    return Buffer.from([0x12, paperOut ? 0x72 : 0x12]);
  return null;
}

/**
 * The printer that ships with the app: a raw TCP printer (like port 9100) on this computer. It takes the same
 * ESC/POS, ZPL and TSPL bytes a real printer takes, answers status questions, and hands each finished job
 * (one connection) to `received`. Switching it off closes the port, exactly what a printer switched off does.
 */
export class VirtualPrinter {
  private server: Server | null = null;
  private assignedPort: number | null = null;
  /** Until when the head is busy with the last label: status answers wait for it, as a printer's queue would. */
  private busyUntil = 0;
  private out = false;
  private printedOnRoll = 0;
  /** One promise per connection open now, settled when it closes. */
  private readonly open = new Set<Promise<void>>();

  constructor(
    private readonly received: (bytes: Buffer) => void,
    private readonly preferredPort: number,
    /** How long printing one job takes (0: at once); a real 6-inch label takes about a second. */
    private readonly msPerJob = 0,
    /** How many labels a roll holds (0: it never runs out); the printer is out of labels once they are used. */
    private readonly rollLabels = 0,
  ) {}

  /** Out of labels, because it was told so or its roll ran out; loading labels puts a full roll in. */
  get paperOut(): boolean {
    return this.out;
  }

  set paperOut(out: boolean) {
    this.out = out;
    if (!out) this.printedOnRoll = 0;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** The port stays the same for the station's life, so jobs waiting for a switched-off printer find it again. */
  get port(): number | null {
    return this.assignedPort;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.assignedPort ?? this.preferredPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.assignedPort = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Closes the port; a job already being received is still printed, like one already in a printer's buffer. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    // A status question is answered after every job sent before it, as a printer reads its input in order: the job
    // that used the roll's last label has always been counted when the next question asks whether labels are left.
    // (Each arrives on a connection of its own, and the question's data could otherwise be read before the job's end.)
    const earlier = [...this.open];
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    this.open.add(done);
    socket.on('close', () => {
      this.open.delete(done);
      closed();
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const question = Buffer.concat(chunks);
      if (!statusReply(question, this.out)) return;
      chunks.length = 0;
      // The answer is made when it is sent, so it tells the state those earlier jobs left.
      const answer = () => {
        const reply = statusReply(question, this.out);
        if (reply && !socket.destroyed) socket.write(reply);
      };
      void Promise.race([Promise.all(earlier), delay(EARLIER_JOBS_WAIT_MS)]).then(() =>
        setTimeout(answer, Math.max(0, this.busyUntil - Date.now())),
      );
    });
    socket.on('end', () => {
      const bytes = Buffer.concat(chunks);
      socket.end();
      if (bytes.length === 0) return;
      this.busyUntil = Math.max(this.busyUntil, Date.now()) + this.msPerJob;
      this.printedOnRoll += 1;
      if (this.rollLabels > 0 && this.printedOnRoll >= this.rollLabels) this.out = true;
      this.received(bytes);
    });
    socket.on('error', () => socket.destroy());
  }
}
