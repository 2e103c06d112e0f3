import type { SecretCipher } from '../config/settings';
import type { Station } from '../station/station';
import { keyCipher } from './key-cipher';
import type { MessagePortLike } from './message-port';
import { servePort, type PortServer } from './port-server';
import { FromMain, type FromCoreToMain } from './protocol';

/** Electron's `process.parentPort` in a utility process, as the core uses it (no Electron import in the core). */
export interface ParentPortLike {
  on(type: 'message', listener: (event: { data: unknown; ports: readonly MessagePortLike[] }) => void): unknown;
  postMessage(message: FromCoreToMain): void;
}

export interface ElectronHostOptions {
  parent: ParentPortLike;
  /** Starts the station (and whatever runs beside it) with the keychain's cipher, if the machine has a keychain. */
  start(cipher: SecretCipher | undefined): Promise<Station>;
  /** How long to wait for main's answer about the keychain before giving up. */
  keychainTimeoutMs?: number;
}

export interface ElectronHost {
  station: Station;
  /** Resolves once main asked the core to stop and the station closed. */
  stopped: Promise<void>;
}

/**
 * The core's side of the desktop app: asks main for the keychain's key, starts the station, serves the contract on
 * every window port main hands over (ports that arrive while the station starts wait, their calls queued in the
 * port), and closes the station when main says stop.
 */
export async function hostForElectron(options: ElectronHostOptions): Promise<ElectronHost> {
  const waiting: MessagePortLike[] = [];
  const servers = new Set<PortServer>();
  let station: Station | null = null;
  let stopRequested = false;
  let answerKeychain: (answer: { key: string | null; warning: string | null }) => void = () => undefined;
  const keychain = new Promise<{ key: string | null; warning: string | null }>((resolve) => (answerKeychain = resolve));
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));

  const serve = (running: Station, port: MessagePortLike) => {
    const server = servePort(running, port);
    servers.add(server);
    void server.closed.then(() => servers.delete(server));
  };
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      for (const server of servers) server.close();
      await station?.close();
      markStopped();
    })());

  options.parent.on('message', (event) => {
    const parsed = FromMain.safeParse(event.data);
    if (!parsed.success) {
      console.warn('station core: ignored a message from the main process that is not one of its kinds');
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'window':
        for (const port of event.ports) {
          if (station) serve(station, port);
          else waiting.push(port);
        }
        return;
      case 'keychain':
        answerKeychain(message);
        return;
      case 'stop':
        stopRequested = true;
        if (station) void stop();
        return;
    }
  });

  options.parent.postMessage({ kind: 'keychain?' });
  const timeoutMs = options.keychainTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const answer = await Promise.race([
    keychain,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The main process did not answer about the keychain within ${timeoutMs} ms.`)),
        timeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  if (answer.warning) console.warn(answer.warning);

  const running = await options.start(answer.key === null ? undefined : keyCipher(answer.key));
  station = running;
  for (const port of waiting.splice(0)) serve(running, port);
  options.parent.postMessage({ kind: 'ready' });
  if (stopRequested) void stop();
  return { station: running, stopped };
}
