import type { Result } from '../../../shared/contract';
import type { Transport } from '../contract/dispatch';
import type { Station } from '../station/station';
import { listen, type MessagePortLike } from './message-port';
import { PortCall, type FromCore } from './protocol';

export interface PortServer {
  /** Stops serving and closes the port. */
  close(): void;
  /** Resolves when the port is closed, by either end. */
  readonly closed: Promise<void>;
}

/**
 * Serves the contract on one message port (a desktop window's): every call goes through the station's dispatcher,
 * so it is checked, validated and access-controlled exactly as an HTTP call is, and every station event is sent
 * down the port. When the far end goes away the port stops being served and its event subscription ends.
 */
export function servePort(
  station: Pick<Station, 'callRaw' | 'services'>,
  port: MessagePortLike,
  transport: Transport = 'ipc',
): PortServer {
  let open = true;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const send = (message: FromCore) => {
    if (open) port.postMessage(message);
  };

  async function answer(data: unknown): Promise<void> {
    const parsed = PortCall.safeParse(data);
    if (!parsed.success) {
      // Without a usable id there is no call to answer; a well-formed id gets the refusal it can wait for.
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send({
          kind: 'result',
          id,
          result: { ok: false, error: { code: 'invalid_input', message: 'Not a call: expected { kind, id, name }.' } },
        });
      } else console.warn('station port: dropped a message that is not a call');
      return;
    }
    const { id, name, input } = parsed.data;
    const result: Result<unknown> = await station.callRaw(transport, name, input);
    try {
      send({ kind: 'result', id, result });
    } catch (error) {
      // A value the port cannot copy (structured clone): the caller still gets an answer, never a call left hanging.
      console.error(`station port: the answer to ${name} could not be sent`, error);
      send({ kind: 'result', id, result: { ok: false, error: { code: 'internal', message: `${name} failed.` } } });
    }
  }

  const unsubscribe = station.services.bus.subscribe((event) => send({ kind: 'event', event }));
  const stop = () => {
    if (!open) return;
    open = false;
    unsubscribe();
    unlisten();
    markClosed();
  };
  const unlisten = listen(
    port,
    (data) => {
      answer(data).catch((error: unknown) =>
        console.error('station port: a call failed outside the dispatcher', error),
      );
    },
    stop,
  );
  return {
    close() {
      stop();
      port.close();
    },
    closed,
  };
}
