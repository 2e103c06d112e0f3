import { IPC_CALL, IPC_EVENT } from '../../shared/contract/transport';
import type { Station } from '../core/station/station';
import { isAppUrl } from './app-origin';

/** The slice of Electron's ipcMain the bridge needs, so a test can hand it a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  /** parent is null for a window's main frame (Electron's WebFrameMain). */
  senderFrame: { url: string; parent: unknown } | null;
}

export interface WindowSink {
  send(channel: string, payload: unknown): void;
}

/**
 * Only the app's own page may call the station: the main frame of a page under app://packbench. A frame inside it
 * (an iframe a compromised page might add) or any other page, file:// included, is refused.
 */
export function isTrustedSender(event: IpcInvokeEventLike): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
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
