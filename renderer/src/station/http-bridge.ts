import type { StationEvent } from '../../../shared/contract';
import { HTTP_CALL_PREFIX, HTTP_EVENTS, type StationBridge } from '../../../shared/contract/transport';

/**
 * The station's per-launch secret, which it writes into the page it serves: only its own page can read it (another
 * origin cannot read the station's responses). The event stream carries it as a same-origin cookie instead.
 */
function launchSecret(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="packbench-secret"]')?.content ?? '';
}

/** The contract over HTTP + SSE, for the UI served by the station server to a browser. */
export function httpBridge(base = ''): StationBridge {
  const listeners = new Set<(event: StationEvent) => void>();
  let source: EventSource | null = null;
  return {
    async call(name, input) {
      try {
        const response = await fetch(`${base}${HTTP_CALL_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-packbench-secret': launchSecret() },
          body: JSON.stringify(input ?? {}),
        });
        return await response.json();
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `The station does not answer: ${(error as Error).message}` } };
      }
    },
    // One stream shared by every subscriber: a browser allows only six connections per host, and each open
    // EventSource holds one for good, so a stream per subscriber would soon leave no connection for calls.
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${base}${HTTP_EVENTS}`);
        source.onmessage = (message) => {
          const event = JSON.parse(message.data as string) as StationEvent;
          for (const each of [...listeners]) each(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}
