import { IPC_CALL, IPC_EVENT } from '../../shared/contract/transport';
import type { Station } from '../core/station/station';

/** The slice of Electron's ipcMain the bridge needs, so a test can hand it a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface WindowSink {
  send(channel: string, payload: unknown): void;
}

/** Only the app's own page (loaded from file://) may call the station; anything else is refused. */
export function isTrustedSender(event: IpcInvokeEventLike): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('file://');
}

/**
 * Serves the contract over IPC: one channel carries every call (name + input, validated by the same dispatcher as
 * HTTP), one pushes events to every window. Returns a function that undoes the wiring.
 */
export function bridgeContract(ipc: IpcMainLike, station: Station, windows: () => readonly WindowSink[]): () => void {
  ipc.handle(IPC_CALL, async (event, name, input) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the Packbench window.' } };
    }
    return station.callRaw('ipc', name, input);
  });
  const unsubscribe = station.services.bus.subscribe((event) => {
    for (const window of windows()) window.send(IPC_EVENT, event);
  });
  return () => {
    ipc.removeHandler(IPC_CALL);
    unsubscribe();
  };
}
