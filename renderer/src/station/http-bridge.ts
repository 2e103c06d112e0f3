import type { StationEvent } from '../../../shared/contract';
import { HTTP_CALL_PREFIX, HTTP_EVENTS, type StationBridge } from '../../../shared/contract/transport';

/** The contract over HTTP + SSE, for the UI served by the station server to a browser. */
export function httpBridge(base = ''): StationBridge {
  return {
    async call(name, input) {
      try {
        const response = await fetch(`${base}${HTTP_CALL_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return await response.json();
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `The station does not answer: ${(error as Error).message}` } };
      }
    },
    subscribe(listener) {
      const source = new EventSource(`${base}${HTTP_EVENTS}`);
      source.onmessage = (message) => listener(JSON.parse(message.data as string) as StationEvent);
      return () => source.close();
    },
  };
}
