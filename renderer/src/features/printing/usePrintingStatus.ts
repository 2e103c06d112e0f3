import { useStationQuery } from '../../station/hooks';

/** The printing status, live: reloads when a job changes, the virtual printer changes or a setting is saved. */
export function usePrintingStatus() {
  return useStationQuery('printing.status', {}, ['printing.job', 'printing.virtual', 'settings.changed']);
}

export function useIsSupervisor(): boolean {
  return useStationQuery('station.status', {}, ['station.status']).data?.user?.role === 'supervisor';
}
