import type { StationEvent } from '../../../shared/contract';
import { HTTP_CALL_PREFIX, HTTP_EVENTS, type StationBridge } from '../../../shared/contract/transport';

/**
 * The station's per-launch secret, which it writes into the page it serves: only its own page can read it (another
 * origin cannot read the station's responses). The event stream carries it as a same-origin cookie instead.
 */
function launchSecret(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="packbench-secret"]')?.content ?? '';
}

const RELOADED_AT = 'packbench.reloadedAt';

/**
 * A station that restarted has a new launch secret, and a LAN device whose pairing was revoked has none: the
 * station refuses this page from then on. Loading the page again picks up the new secret (or shows the pairing
 * page); at most once in 10 s, so a page the station keeps refusing does not reload in a loop.
 */
function reloadForNewSecret(): void {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 10_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
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
        if (response.status === 401) reloadForNewSecret();
        return await response.json();
      } catch (error) {
        return {
          ok: false,
          error: { code: 'unavailable', message: `The station does not answer: ${(error as Error).message}` },
        };
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
        // A station that is down makes the stream reconnect by itself; one that answers with a refusal closes it.
        source.onerror = () => {
          if (source?.readyState === EventSource.CLOSED) reloadForNewSecret();
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
