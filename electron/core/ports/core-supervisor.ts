import { FromCoreToMain, type FromMain, type KeychainAnswer } from './protocol';

/** The slice of Electron's UtilityProcess the supervisor uses, so a test can hand it a stand-in. */
/** Port: Electron's MessagePortMain, which main only passes along (it never reads or writes one itself). */
export interface UtilityProcessLike<Port> {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: FromMain, transfer?: Port[]): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/** A window's webContents: main hands it its end of a port. */
export interface WindowLike<Port> {
  postMessage(channel: string, message: unknown, transfer: Port[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface CoreProcessOptions<Port> {
  /** utilityProcess.fork with its arguments (main passes the core entry and the flag). */
  fork(): UtilityProcessLike<Port>;
  /** new MessageChannelMain() */
  channel(): { port1: Port; port2: Port };
  /** The keychain's answer, asked each time a core starts (it reads the sealed key from the data folder). */
  keychain(): KeychainAnswer;
  /** The IPC channel a window receives its port on. */
  portChannel: string;
  /** Told when the core failed to start three times in a row, with what it last wrote: the app cannot run. */
  onGiveUp(reason: string): void;
  log?: Pick<Console, 'log' | 'error'>;
  /** Waits between restarts (tests pass a quicker clock). */
  delay?: (ms: number) => Promise<void>;
}

export interface CoreProcess<Port> {
  /** Hands the window a port to the core now, and a new one after every restart, until the window is gone. */
  connect(window: WindowLike<Port>): void;
  /** Asks the core to close the station, and kills it if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** A core that stayed up this long had a real run: its crash starts the backoff from the beginning again. */
const HEALTHY_MS = 60_000;
const MAX_FAILED_STARTS = 3;
const OUTPUT_LINES = 20;

/** 0 s for the first restart, then 1, 2, 4 ... 30 s while the core keeps dying. */
export const restartDelay = (crashesInARow: number): number =>
  crashesInARow <= 1 ? 0 : Math.min(30_000, 1000 * 2 ** (crashesInARow - 2));

/**
 * Runs in the desktop app's main process (Electron's pieces are handed in, so it is plain Node and tested without
 * Electron). Runs the station core as a utility process and keeps it running: it answers the core's keychain question, hands
 * every window a port to the core (the relay: main creates the channel, the core gets one end and the window the
 * other, and the messages then go straight between them), and when the core dies it starts a new one and hands each
 * window a new port. Each start, stop and restart is logged with the core's pid.
 */
export function superviseCore<Port>(options: CoreProcessOptions<Port>): CoreProcess<Port> {
  const log = options.log ?? console;
  const delay = options.delay ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const windows = new Set<WindowLike<Port>>();
  const output: string[] = [];
  let child: UtilityProcessLike<Port>;
  let exited: Promise<number>;
  let stopping = false;
  /** Between a core's death and its successor's start there is nobody to hand a port to: the restart does it. */
  let alive = false;
  let crashesInARow = 0;
  let failedStarts = 0;

  const handOver = (window: WindowLike<Port>) => {
    if (window.isDestroyed()) return void windows.delete(window);
    if (!alive) return;
    const { port1, port2 } = options.channel();
    child.postMessage({ kind: 'window' }, [port1]);
    window.postMessage(options.portChannel, null, [port2]);
  };

  const remember = (stream: NodeJS.ReadableStream | null, sink: NodeJS.WriteStream) =>
    stream?.on('data', (chunk: Buffer) => {
      sink.write(chunk);
      output.push(...chunk.toString().split('\n').filter(Boolean));
      output.splice(0, Math.max(0, output.length - OUTPUT_LINES));
    });

  function start(): void {
    let ready = false;
    let healthy: NodeJS.Timeout | undefined;
    const current = options.fork();
    child = current;
    alive = true;
    remember(current.stdout, process.stdout);
    remember(current.stderr, process.stderr);
    log.log(`Packbench: station core starting (pid ${current.pid ?? '?'}).`);
    current.on('message', (data) => {
      const parsed = FromCoreToMain.safeParse(data);
      if (!parsed.success)
        return log.error('Packbench: ignored a message from the station core that is not one of its kinds.');
      if (parsed.data.kind === 'keychain?') {
        try {
          current.postMessage({ kind: 'keychain', ...options.keychain() });
        } catch (error) {
          // Never answered without the keychain's key: the core gives up waiting, and its failed starts end the app.
          log.error(`Packbench: the keychain could not be read for the station core: ${(error as Error).message}`);
        }
      } else {
        ready = true;
        failedStarts = 0;
        healthy = setTimeout(() => (crashesInARow = 0), HEALTHY_MS);
        healthy.unref?.();
        log.log(`Packbench: station core ready (pid ${current.pid ?? '?'}).`);
      }
    });
    exited = new Promise<number>((resolve) =>
      current.on('exit', (code) => {
        clearTimeout(healthy);
        alive = false;
        resolve(code);
        if (stopping) return log.log(`Packbench: station core stopped (exit code ${code}).`);
        crashesInARow += 1;
        if (!ready) failedStarts += 1;
        // A port carries no news of its far end's process dying: each window is told, so its calls fail at once.
        for (const window of windows) if (!window.isDestroyed()) window.postMessage(options.portChannel, null, []);
        if (failedStarts >= MAX_FAILED_STARTS) {
          log.error(`Packbench: the station core failed to start ${failedStarts} times in a row; giving up.`);
          return options.onGiveUp(output.join('\n') || `exit code ${code}`);
        }
        const wait = restartDelay(crashesInARow);
        log.error(
          `Packbench: the station core (pid ${current.pid ?? '?'}) died with exit code ${code}; restarting it in ${wait / 1000} s (restart ${crashesInARow} in a row). Open windows get a new port and reload.`,
        );
        void delay(wait).then(() => {
          if (stopping) return;
          start();
          for (const window of windows) handOver(window);
        });
      }),
    );
  }

  start();
  return {
    connect(window) {
      if (!windows.has(window)) {
        windows.add(window);
        window.once('destroyed', () => windows.delete(window));
      }
      handOver(window);
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      try {
        child.postMessage({ kind: 'stop' });
      } catch {
        // Already gone (it died and no restart has begun): nothing to ask.
      }
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.error(`Packbench: the station core did not stop within ${graceMs / 1000} s; ending it.`);
          child.kill();
          resolve();
        }, graceMs);
      });
      await Promise.race([exited, killed]);
      clearTimeout(timer);
    },
  };
}
