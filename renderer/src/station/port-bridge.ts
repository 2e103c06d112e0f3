import type { DesktopBridge, StationBridge } from '../../../shared/contract/transport';

const RELOADED_AT = 'packbench.coreReloadedAt';

/**
 * The desktop window's bridge: the preload's port to the station core. When the core restarted (it died and main
 * started a new one) its signed-in person and open pack session are gone, so the page loads again and starts from
 * the lock screen with what the new core holds; at most once in 10 s, so a core that keeps dying cannot make the
 * window reload in a loop.
 */
export function portBridge(desktop: DesktopBridge): StationBridge {
  desktop.onReconnect(() => {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 10_000) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    window.location.reload();
  });
  return { call: desktop.call, subscribe: desktop.subscribe };
}
