import type { dashboardCalls } from '../../../shared/contract/dashboard';
import type { HandlersFor } from '../contract/dispatch';
import type { StationServices } from '../station/services';
import { dashboardBuckets } from './buckets-query';
import { drillDown } from './drill-down';
import { health } from './health-query';
import { stationClock } from './station-clock';
import { throughput } from './throughput-query';

export function dashboardHandlers(
  svc: Pick<StationServices, 'db' | 'now' | 'settings'>,
): HandlersFor<typeof dashboardCalls> {
  return {
    'dashboard.viewer': (_input, ctx) => ({ readOnly: ctx.transport === 'lan' }),
    'dashboard.buckets': () => dashboardBuckets(svc.db, stationClock(svc)),
    'dashboard.throughput': ({ period }) => throughput(svc.db, period, stationClock(svc)),
    'dashboard.health': () => health(svc.db, stationClock(svc)),
    'dashboard.orders': ({ filter, limit }) => drillDown(svc.db, filter, limit, stationClock(svc)),
  };
}
