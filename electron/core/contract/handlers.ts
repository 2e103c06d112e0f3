import { stationHandlers } from '../station/station-handlers';
import type { StationServices } from '../station/services';
import type { Handlers } from './dispatch';

/** Every call of the contract, implemented once; a call without a handler fails to compile. */
export function createHandlers(svc: StationServices): Handlers {
  return {
    ...stationHandlers(svc),
  };
}
