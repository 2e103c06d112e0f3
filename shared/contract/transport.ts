import type { CallInput, CallName, CallOutput, StationEvent } from './index';
import type { Result } from './result';

/** What the preload exposes as window.packbench and what the HTTP client implements: the renderer sees only this. */
export interface StationBridge {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  subscribe(listener: (event: StationEvent) => void): () => void;
}

/**
 * What the desktop app's preload exposes as window.packbench: the station over a MessagePort to the core process.
 * onReconnect is told when the core restarted and a new port replaced the old one (its in-memory state is gone).
 */
export interface DesktopBridge extends StationBridge {
  onReconnect(listener: () => void): () => void;
}

/** Electron IPC channels, shared by preload and main so they cannot drift apart: the window asks for a port to the
 * station core, and main hands one over on this channel (again whenever the core restarts; a message without a port
 * says the core died). */
export const IPC_PORT_REQUEST = 'packbench:port-request';
export const IPC_PORT = 'packbench:port';
/** HTTP paths of the station server. */
export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS = '/api/events';
/** Product pictures by their marketplace URL (`?url=`), fetched and kept by the station: the UI's CSP allows no other origin. */
export const HTTP_IMAGES = '/api/images';
