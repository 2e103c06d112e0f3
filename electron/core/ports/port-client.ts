import type { StationEvent } from '../../../shared/contract';
import type { ContractErrorBody, Result } from '../../../shared/contract/result';
import type { DesktopBridge } from '../../../shared/contract/transport';
import { listen, type MessagePortLike } from './message-port';
import { FromCore, type PortCall } from './protocol';

export interface PortClient extends DesktopBridge {
  /** A new port to the core: calls in flight on the old one fail, calls waiting for a first port go out. */
  attach(port: MessagePortLike): void;
  /**
   * The core is gone (main says so: Chromium's ports do not tell their owner when the far end's process dies): calls
   * in flight and calls from now on fail at once, until a new port is attached.
   */
  detach(): void;
}

const notConnected: ContractErrorBody = {
  code: 'unavailable',
  message: 'The station core is not connected: it stopped or is restarting.',
};

/**
 * The window's end of its port to the station core, run by the sandboxed preload (so no Node here; it lives beside
 * the core's end because both speak protocol.ts, and is tested in Node against a real station). Calls made
 * before the first port arrives wait for it; once a port has closed, calls fail at once with 'unavailable' until
 * main hands over a new one.
 */
export function portClient(): PortClient {
  let port: MessagePortLike | null = null;
  let unlisten: () => void = () => undefined;
  let everAttached = false;
  let nextId = 0;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waiting: Array<{ call: PortCall; resolve: (result: Result<unknown>) => void }> = [];
  const listeners = new Set<(event: StationEvent) => void>();
  const reconnectListeners = new Set<() => void>();

  const failPending = () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: notConnected });
    pending.clear();
  };
  const drop = () => {
    unlisten();
    unlisten = () => undefined;
    port?.close();
    port = null;
    failPending();
  };
  const send = (call: PortCall, resolve: (result: Result<unknown>) => void) => {
    if (!port) return resolve({ ok: false, error: notConnected });
    pending.set(call.id, resolve);
    port.postMessage(call);
  };
  const receive = (data: unknown) => {
    const parsed = FromCore.safeParse(data);
    if (!parsed.success) return console.warn('station port: ignored a message that is not an answer or an event');
    const message = parsed.data;
    if (message.kind === 'event') {
      for (const listener of [...listeners]) listener(message.event as StationEvent);
      return;
    }
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    resolve?.(message.result as Result<unknown>);
  };

  return {
    call(name, input) {
      return new Promise((resolve) => {
        const call: PortCall = { kind: 'call', id: nextId++, name, input: input ?? {} };
        const answer = resolve as (result: Result<unknown>) => void;
        if (everAttached) send(call, answer);
        else waiting.push({ call, resolve: answer });
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    attach(next) {
      const replacing = everAttached;
      drop();
      port = next;
      everAttached = true;
      // The core's end went away (Node and Electron ports say so): nothing in flight will be answered.
      unlisten = listen(next, receive, () => port === next && drop());
      for (const { call, resolve } of waiting.splice(0)) send(call, resolve);
      if (replacing) for (const listener of [...reconnectListeners]) listener();
    },
    detach() {
      everAttached = true;
      drop();
      for (const { resolve } of waiting.splice(0)) resolve({ ok: false, error: notConnected });
    },
  };
}
