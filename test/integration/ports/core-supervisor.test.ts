import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromMain } from '../../../electron/core/ports/protocol';
import {
  restartDelay,
  superviseCore,
  type CoreProcessOptions,
  type UtilityProcessLike,
  type WindowLike,
} from '../../../electron/core/ports/core-supervisor';

/** Stands in for Electron's UtilityProcess: records what main posts, and exits when the test says. */
class Child extends EventEmitter implements UtilityProcessLike<MessagePort> {
  static nextPid = 100;
  readonly pid = Child.nextPid++;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: Array<{ message: FromMain; ports: MessagePort[] }> = [];
  postMessage(message: FromMain, ports: MessagePort[] = []) {
    this.posted.push({ message, ports });
  }
  kill() {
    this.exit(-1);
    return true;
  }
  exit(code: number) {
    this.emit('exit', code);
  }
  fromCore(data: unknown) {
    this.emit('message', data);
  }
}

class Window extends EventEmitter implements WindowLike<MessagePort> {
  destroyed = false;
  readonly ports: MessagePort[] = [];
  /** Messages without a port: the core died. */
  goneNotices = 0;
  postMessage(channel: string, _message: unknown, transfer: MessagePort[]) {
    expect(channel).toBe('packbench:port');
    if (transfer.length === 0) this.goneNotices++;
    this.ports.push(...transfer);
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

describe('the main process keeps the station core running', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const port of ports.splice(0)) port.close();
  });

  const supervise = (overrides: Partial<CoreProcessOptions<MessagePort>> = {}) => {
    const children: Child[] = [];
    const log = { log: vi.fn(), error: vi.fn() };
    const onGiveUp = vi.fn();
    const core = superviseCore<MessagePort>({
      fork: () => {
        const child = new Child();
        children.push(child);
        return child;
      },
      channel: () => {
        const channel = new MessageChannel();
        ports.push(channel.port1, channel.port2);
        return channel;
      },
      keychain: () => ({ key: 'a2V5', warning: null }),
      portChannel: 'packbench:port',
      onGiveUp,
      log,
      delay: () => Promise.resolve(),
      ...overrides,
    });
    const last = () => children[children.length - 1]!;
    return { core, children, last, log, onGiveUp };
  };

  /** Whether two ports are the two ends of one channel: a message posted on one arrives on the other. */
  const entangled = (a: MessagePort, b: MessagePort) =>
    new Promise<boolean>((resolve) => {
      const token = Math.random();
      b.once('message', (data) => resolve(data === token));
      a.postMessage(token);
      setTimeout(() => resolve(false), 500);
    });

  it("answers the core's keychain question with the keychain's answer", () => {
    const { last, log } = supervise();
    last().fromCore({ kind: 'keychain?' });
    expect(last().posted).toEqual([{ message: { kind: 'keychain', key: 'a2V5', warning: null }, ports: [] }]);
    last().fromCore({ kind: 'ready' });
    expect(log.log).toHaveBeenCalledWith(expect.stringContaining(`station core ready (pid ${last().pid})`));
    last().fromCore({ kind: 'rm -rf' });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('ignored a message'));
  });

  it('keeps main running when the keychain cannot be read, and says why', () => {
    const { last, log } = supervise({
      keychain: () => {
        throw new Error('EACCES: permission denied, open station-key.sealed');
      },
    });
    last().fromCore({ kind: 'keychain?' });
    expect(last().posted).toEqual([]);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('EACCES'));
  });

  it('hands a window one end of a new channel and the core the other', async () => {
    const { core, last } = supervise();
    const window = new Window();
    core.connect(window);
    expect(last().posted).toEqual([{ message: { kind: 'window' }, ports: [expect.anything()] }]);
    expect(window.ports).toHaveLength(1);
    expect(await entangled(window.ports[0]!, last().posted[0]!.ports[0]!)).toBe(true);
  });

  it('restarts a core that died, says so with its pid and exit code, and hands every open window a new port', async () => {
    const { core, children, last, log } = supervise();
    const open = new Window();
    const closed = new Window();
    core.connect(open);
    core.connect(closed);
    closed.destroy();
    const first = last();
    first.fromCore({ kind: 'ready' });
    first.exit(139);
    // Told at once, before the restart: the window's calls fail instead of waiting on a dead port.
    expect(open.goneNotices).toBe(1);
    expect(closed.goneNotices).toBe(0);
    await vi.waitFor(() => expect(children).toHaveLength(2));
    expect(log.error).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`station core \\(pid ${first.pid}\\) died with exit code 139; restarting`)),
    );
    await vi.waitFor(() => expect(open.ports).toHaveLength(2));
    expect(closed.ports).toHaveLength(1);
    const handed = last().posted.filter((post) => post.message.kind === 'window');
    expect(handed).toHaveLength(1);
    expect(await entangled(open.ports[1]!, handed[0]!.ports[0]!)).toBe(true);
  });

  it('hands a window that asks between a death and the restart its port from the new core', async () => {
    let restart: () => void = () => undefined;
    const { core, children, last } = supervise({ delay: () => new Promise<void>((resolve) => (restart = resolve)) });
    last().exit(1);
    const window = new Window();
    core.connect(window);
    expect(window.ports).toHaveLength(0);
    restart();
    await vi.waitFor(() => expect(children).toHaveLength(2));
    await vi.waitFor(() => expect(window.ports).toHaveLength(1));
    expect(await entangled(window.ports[0]!, last().posted[0]!.ports[0]!)).toBe(true);
  });

  it('waits longer between restarts while the core keeps dying, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map(restartDelay)).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('gives up after three starts in a row that never got ready, with what the core last wrote', async () => {
    const { children, last, onGiveUp } = supervise();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await vi.waitFor(() => expect(children).toHaveLength(attempt));
      last().stderr.write('Packbench could not start: better-sqlite3 is not built for this Electron\n');
      await new Promise((resolve) => setImmediate(resolve));
      last().exit(1);
    }
    await vi.waitFor(() => expect(onGiveUp).toHaveBeenCalledTimes(1));
    expect(onGiveUp.mock.calls[0]![0]).toContain('better-sqlite3 is not built');
    expect(children).toHaveLength(3);
  });

  it('asks the core to stop, does not restart it, and ends it when it does not stop in time', async () => {
    const { core, children, last } = supervise();
    const stopping = core.stop();
    expect(last().posted).toEqual([{ message: { kind: 'stop' }, ports: [] }]);
    last().exit(0);
    await stopping;
    expect(children).toHaveLength(1);

    const stuck = supervise();
    const kill = vi.spyOn(stuck.last(), 'kill');
    await stuck.core.stop(50);
    expect(kill).toHaveBeenCalled();
    expect(stuck.children).toHaveLength(1);
  });
});
