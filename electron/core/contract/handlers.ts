import { auditHandlers } from '../audit';
import { usersHandlers } from '../auth';
import { carriersHandlers } from '../carriers';
import { dashboardHandlers } from '../dashboard';
import { packHandlers } from '../pack';
import { photosHandlers } from '../photos';
import { pickupsHandlers } from '../pickups';
import { printingHandlers } from '../printing';
import { scaleHandlers } from '../scale';
import { lanHandlers } from '../server';
import { ordersHandlers } from '../orders';
import { stationHandlers } from '../station/station-handlers';
import type { StationServices } from '../station/services';
import { syncHandlers } from '../sync';
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
