import type { CallInput, CallName, CallOutput, StationEvent } from './index';
import type { Result } from './result';

/** What the preload exposes as window.packbench and what the HTTP client implements: the renderer sees only this. */
export interface StationBridge {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  subscribe(listener: (event: StationEvent) => void): () => void;
}

/** Channel names for Electron IPC, shared by preload and main so they cannot drift apart. */
export const IPC_CALL = 'packbench:call';
export const IPC_EVENT = 'packbench:event';
/** HTTP paths of the station server. */
export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS = '/api/events';
/** Product pictures by their marketplace URL (`?url=`), fetched and kept by the station: the UI's CSP allows no other origin. */
export const HTTP_IMAGES = '/api/images';
