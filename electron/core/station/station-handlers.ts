import { type stationCalls, type StationStatus } from '../../../shared/contract';
import type { HandlersFor } from '../contract/dispatch';
import { schemaVersion } from '../db/database';
import type { StationServices } from './services';

export function stationStatus(svc: StationServices): StationStatus {
  const counts = svc.db
    .prepare(
      `SELECT
         count(*) FILTER (WHERE station_state IN ('queued', 'packing')) AS toPack,
         count(*) FILTER (WHERE station_state = 'held') AS held
       FROM orders`,
    )
    .get() as { toPack: number; held: number };
  const url = svc.settings.string('marketplace.url');
  return {
    stationId: svc.stationId,
    version: svc.version,
    runtime: svc.runtime,
    dataDir: svc.dataDir,
    schemaVersion: schemaVersion(svc.db),
    marketplace: { mode: url ? 'tiktok' : 'sandbox', baseUrl: url || 'embedded sandbox' },
    counts: { ordersToPack: counts.toPack, ordersHeld: counts.held },
    user: svc.session.user,
    demoPinUsers: svc.session.user?.role === 'supervisor' ? svc.users.demoPinUsers() : [],
    pinRetryAt: svc.users.pinWaitMs() > 0 ? svc.now() + svc.users.pinWaitMs() : null,
    time: svc.now(),
  };
}

/** What the LAN view needs to show the dashboard the way the desk does: language, time zone, at-risk hours. */
const LAN_DISPLAY_SETTINGS = new Set(['station.locale', 'station.timeZone', 'dashboard.atRiskHours']);

export function stationHandlers(svc: StationServices): HandlersFor<typeof stationCalls> {
  const statusChanged = () => svc.bus.emit('station.status', stationStatus(svc));
  return {
    // A paired LAN device sees how the desk is doing, not where its data lives or how it is configured.
    'station.status': (_input, ctx) =>
      ctx.transport === 'lan' ? { ...stationStatus(svc), dataDir: '' } : stationStatus(svc),
    'settings.list': (_input, ctx) =>
      svc.settings.list().filter((entry) => ctx.transport !== 'lan' || LAN_DISPLAY_SETTINGS.has(entry.key)),
    'settings.update': ({ key, value }, ctx) => {
      const entry = svc.db.transaction(() => {
        const saved = svc.settings.set(key, value);
        svc.audit({ action: 'settings.update', userId: ctx.user?.id ?? null, details: { key, value: saved.value } });
        return saved;
      })();
      svc.bus.emit('settings.changed', { key });
      return entry;
    },
    'session.login': async ({ pin }) => {
      const user = await svc.users.checkPin(pin, 'session.login');
      svc.session.user = user;
      svc.audit({ action: 'session.login', userId: user.id });
      statusChanged();
      return user;
    },
    'session.lock': () => {
      if (svc.session.user) svc.audit({ action: 'session.lock', userId: svc.session.user.id });
      svc.session.user = null;
      statusChanged();
      return { locked: true as const };
    },
  };
}
