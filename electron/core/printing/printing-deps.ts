import type { SessionUser } from '../../../shared/contract';
import type { StationServices } from '../station/services';

/** What printing uses of the station; built before StationServices exists, so it cannot take the whole of it. */
export type PrintingDeps = Pick<StationServices, 'db' | 'settings' | 'bus' | 'marketplace' | 'now' | 'audit' | 'stationId' | 'onClose'> & {
  currentUser: () => SessionUser | null;
};
