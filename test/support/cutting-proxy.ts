import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * What the proxy does with traffic:
 * - open: forwards every connection;
 * - refuse: nothing listens (ECONNREFUSED) and open connections are dropped, as when a cable is pulled;
 * - reset: connections are accepted and reset at once (a firewall rejecting them);
 * - blackhole: connections are accepted and bytes swallowed, nothing answers (a dead route: the caller's timeout
 *   decides). Open connections go silent too; they are dropped when the proxy leaves this mode.
 */
export type ProxyMode = 'open' | 'refuse' | 'reset' | 'blackhole';

/**
 * A TCP proxy on a port that stays the same while its target comes and goes (a hub restarted on another port is
 * retargeted): the "network" between a desk and its hub, or between a station or the hub and the marketplace, that a
 * test cuts.
 */
export class CuttingProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  private mode: ProxyMode = 'open';
  port = 0;
  /** Connections accepted in each mode, for the simulation's figures. */
  readonly counts: Record<ProxyMode, number> = { open: 0, refuse: 0, reset: 0, blackhole: 0 };

  constructor(private targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get current(): ProxyMode {
    return this.mode;
  }

  async start(): Promise<void> {
    await this.listen();
  }

  /** Later connections go to this port (the target restarted elsewhere). */
  retarget(port: number): void {
    this.targetPort = port;
  }

  async set(mode: ProxyMode): Promise<void> {
    const before = this.mode;
    this.mode = mode;
    if (mode === before) return;
    // A dead route leaves open connections hanging; any other change drops them (and what a dead route swallowed).
    if (mode === 'blackhole') this.silenceAll();
    else if (before === 'blackhole' || mode !== 'open') this.dropAll();
    if (mode === 'refuse') await this.unlisten();
    else if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    this.dropAll();
    await this.unlisten();
  }

  private dropAll(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
  }

  private silenceAll(): void {
    for (const pair of this.pairs) {
      const upstream = pair.upstream;
      if (!upstream) continue;
      pair.upstream = null;
      pair.client.unpipe(upstream);
      upstream.unpipe(pair.client);
      upstream.removeAllListeners('close');
      upstream.destroy();
      pair.client.resume();
    }
  }

  private accept(client: Socket): void {
    this.counts[this.mode] += 1;
    client.on('error', () => client.destroy());
    if (this.mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    this.pairs.add(pair);
    client.on('close', () => {
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    });
    if (this.mode === 'blackhole') {
      client.resume();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    pair.upstream = upstream;
    upstream.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async unlisten(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
