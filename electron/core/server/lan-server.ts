import { calls, isCallName } from '../../../shared/contract';
import type { Station } from '../station/services';
import { startStationServer, type StationServer } from './http-server';
import { lanGate } from './lan-gate';
import { lanToken } from './lan-token';

/**
 * The read-only LAN view: a second listener, only while the lan.enabled setting is on, on lan.host:lan.port, behind
 * the pairing token, serving the contract as transport 'lan' so the dispatcher refuses every call that is not a read.
 * The station's own server stays on 127.0.0.1. Changing a lan.* setting restarts it (a new token drops paired devices).
 */
export function startLanView(station: Station, staticDir: string): void {
  const svc = station.services;
  let server: StationServer | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function reconcile(): Promise<void> {
    await server?.close();
    server = null;
    svc.lan.listening = null;
    svc.lan.error = null;
    if (svc.settings.get<boolean>('lan.enabled')) {
      const host = svc.settings.string('lan.host');
      try {
        const token = lanToken(svc.settings);
        server = await startStationServer({
          station,
          port: svc.settings.number('lan.port'),
          host,
          staticDir,
          transport: 'lan',
          credential: lanGate(
            () => svc.settings.string('lan.token') || token,
            (req) =>
              svc.audit({ action: 'lan.paired', userId: null, details: { from: req.socket.remoteAddress ?? null } }),
          ),
          // Each time a paired device opens the dashboard, and each order detail or photo it reads, is recorded.
          onStream: (req) =>
            svc.audit({ action: 'lan.viewed', userId: null, details: { from: req.socket.remoteAddress ?? null } }),
          onCall: (name, ok, from) => {
            if (ok && isCallName(name) && calls[name].lan === 'details') {
              svc.audit({
                action: 'lan.read',
                userId: null,
                details: { call: name, from },
              });
            }
          },
        });
        svc.lan.listening = { host, port: server.port };
        console.log(`LAN view (read-only) listening on ${host}:${server.port}`);
      } catch (error) {
        svc.lan.error = error instanceof Error ? error.message : String(error);
        console.error(`The LAN view did not start: ${svc.lan.error}`);
      }
    }
    svc.bus.emit('lan.changed', { listening: svc.lan.listening !== null });
  }

  const apply = () => {
    chain = chain.then(reconcile);
  };
  apply();
  const unsubscribe = svc.bus.subscribe((event) => {
    if (event.name === 'settings.changed' && event.payload.key.startsWith('lan.')) apply();
  });
  svc.onClose(async () => {
    unsubscribe();
    await chain;
    await server?.close();
  });
}
