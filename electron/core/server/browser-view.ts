import type { Station } from '../station/services';
import { startStationServer, type StationServer } from './http-server';

/**
 * The desktop app's station server on 127.0.0.1, only while the station.browserView setting is on: the window talks
 * to the station over IPC, so by default no port is open for web pages to probe. Turning the setting on or off
 * starts or stops it (a new launch secret each time).
 */
export function startBrowserView(station: Station, staticDir: string): void {
  const svc = station.services;
  let server: StationServer | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function reconcile(): Promise<void> {
    const wanted = svc.settings.get<boolean>('station.browserView');
    const port = svc.settings.number('station.port');
    if (server && (!wanted || (port !== 0 && server.port !== port))) {
      await server.close();
      server = null;
      console.log('Browser view: the station server stopped.');
    }
    if (!wanted || server) return;
    server = await startStationServer({ station, port, staticDir }).catch((error: unknown) => {
      console.error(`The browser view did not start on port ${port}: ${(error as Error).message}`);
      return null;
    });
    if (server) console.log(`Browser view at ${server.url}`);
  }

  const apply = () => {
    chain = chain.then(reconcile);
  };
  apply();
  const unsubscribe = svc.bus.subscribe((event) => {
    if (
      event.name === 'settings.changed' &&
      (event.payload.key === 'station.browserView' || event.payload.key === 'station.port')
    )
      apply();
  });
  svc.onClose(async () => {
    unsubscribe();
    await chain;
    await server?.close();
    server = null;
  });
}
