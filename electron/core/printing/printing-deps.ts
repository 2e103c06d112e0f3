import type { StationServices } from '../station/services';
import type { ParcelFacts } from './parcel-facts';

/** What printing uses of the station; built before StationServices exists, so it cannot take the whole of it. */
export type PrintingDeps = Pick<
  StationServices,
  'db' | 'settings' | 'bus' | 'now' | 'audit' | 'stationId' | 'onClose'
> & {
  /** The parcel's workflow: TikTok's kept label, the chosen carrier, and whether a label may print now. */
  facts: ParcelFacts;
};
