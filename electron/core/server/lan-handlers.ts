import { networkInterfaces } from 'node:os';
import type { LanInfo, lanCalls } from '../../../shared/contract/dashboard';
import type { HandlersFor } from '../contract/dispatch';
import type { StationServices } from '../station/services';
import { newLanToken } from './lan-token';
import { Conflict } from '../errors/domain-errors';

/** Addresses a tablet on the same network can reach this station at. */
function reachableHosts(bound: string): string[] {
  if (bound !== '0.0.0.0' && bound !== '::') return [bound];
  return Object.values(networkInterfaces())
    .flat()
    .filter((nic) => nic && nic.family === 'IPv4' && !nic.internal)
    .map((nic) => nic!.address);
}

function lanInfo(svc: Pick<StationServices, 'audit' | 'bus' | 'db' | 'lan' | 'settings'>): LanInfo {
  const listening = svc.lan.listening;
  const token = svc.settings.string('lan.token');
  const hosts = listening ? reachableHosts(listening.host) : [];
  return {
    enabled: svc.settings.get<boolean>('lan.enabled'),
    listening: listening !== null,
    urls:
      listening && token
        ? hosts.map((host) => `http://${host}:${listening.port}/?token=${encodeURIComponent(token)}`)
        : [],
    error: svc.lan.error,
  };
}

export function lanHandlers(
  svc: Pick<StationServices, 'audit' | 'bus' | 'db' | 'lan' | 'settings'>,
): HandlersFor<typeof lanCalls> {
  return {
    'lan.info': () => lanInfo(svc),
    'lan.rotateToken': (_input, ctx) => {
      const current = svc.settings.list().find((entry) => entry.key === 'lan.token');
      if (current?.source === 'env') throw new Conflict('The token is set by PACKBENCH_LAN_TOKEN: change it there.');
      svc.db.transaction(() => {
        svc.settings.set('lan.token', newLanToken());
        svc.audit({ action: 'lan.rotateToken', userId: ctx.user?.id ?? null });
      })();
      // The LAN view restarts on this, closing every paired device's connection.
      svc.bus.emit('settings.changed', { key: 'lan.token' });
      return lanInfo(svc);
    },
  };
}
