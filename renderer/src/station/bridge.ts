import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { DesktopBridge, StationBridge } from '../../../shared/contract/transport';
import { httpBridge } from './http-bridge';
import { portBridge } from './port-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload (a port to the station core); absent when the UI is served to a browser. */
    packbench?: DesktopBridge;
  }
}

/** Chosen once at start: the desktop window's port when the preload provided one, HTTP otherwise. */
export const bridge: StationBridge = window.packbench ? portBridge(window.packbench) : httpBridge();

export class CallFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The station's detail for the UI, e.g. { retryAfterMs } while wrong PINs make the desk wait. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Calls the station and returns the value, or throws CallFailed with the station's own message. */
export async function callStation<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = await bridge.call(name, input);
  if (!result.ok) throw new CallFailed(result.error.code, result.error.message, result.error.details);
  return result.value;
}
