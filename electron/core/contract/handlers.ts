import { auditHandlers } from '../audit/audit-handlers';
import { usersHandlers } from '../auth/users-handlers';
import { carriersHandlers } from '../carriers/carriers-handlers';
import { dashboardHandlers } from '../dashboard/dashboard-handlers';
import { packHandlers } from '../pack/pack-handlers';
import { photosHandlers } from '../photos/photos-handlers';
import { pickupsHandlers } from '../pickups/pickups-handlers';
import { printingHandlers } from '../printing/printing-handlers';
import { scaleHandlers } from '../scale/scale-handlers';
import { lanHandlers } from '../server/lan-handlers';
import { ordersHandlers } from '../orders/orders-handlers';
import { stationHandlers } from '../station/station-handlers';
import type { StationServices } from '../station/services';
import { syncHandlers } from '../sync/sync-handlers';
import type { Handlers } from './dispatch';

/** Every call of the contract, implemented once; a call without a handler fails to compile. */
export function createHandlers(svc: StationServices): Handlers {
  return {
    ...stationHandlers(svc),
    ...ordersHandlers(svc),
    ...packHandlers(svc),
    ...dashboardHandlers(svc),
    ...lanHandlers(svc),
    ...usersHandlers(svc),
    ...auditHandlers(svc),
    ...syncHandlers(svc),
    ...pickupsHandlers(svc),
    ...photosHandlers(svc),
    ...printingHandlers(svc),
    ...carriersHandlers(svc),
    ...scaleHandlers(svc),
  };
}
