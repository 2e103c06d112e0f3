import { useEffect } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../../shared/contract';
import { bridge } from '../../station/bridge';
import { useStationQuery, type Query } from '../../station/hooks';

/** Coalesces a burst of events (a packer scanning fast) into one reload, well inside the one-second promise. */
const SETTLE_MS = 250;
/** Buckets move with the clock even when nothing happens at the station. */
const CLOCK_MS = 30_000;

/**
 * A dashboard query that stays live: any station event (an order packed, held, synced, a printer going offline,
 * events of features added later) reloads it shortly after, without the dashboard having to know every event name.
 */
export function useLiveQuery<K extends CallName>(name: K, input: CallInput<K>): Query<CallOutput<K>> {
  const query = useStationQuery(name, input);
  const { reload } = query;
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = bridge.subscribe(() => {
      pending ??= setTimeout(() => {
        pending = null;
        reload();
      }, SETTLE_MS);
    });
    const clock = setInterval(reload, CLOCK_MS);
    return () => {
      unsubscribe();
      clearInterval(clock);
      if (pending) clearTimeout(pending);
    };
  }, [reload]);
  return query;
}
