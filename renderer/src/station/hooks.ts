import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput, EventName, EventPayload, StationEvent } from '../../../shared/contract';
import { errorText } from '../i18n/errors';
import { bridge, callStation } from './bridge';

/** Runs fn for every station event of the given names. */
export function useStationEvent<K extends EventName>(
  names: readonly K[],
  fn: (payload: EventPayload<K>, name: K) => void,
): void {
  const ref = useRef(fn);
  ref.current = fn;
  const key = names.join('|');
  useEffect(() => {
    const wanted = new Set<string>(key.split('|'));
    return bridge.subscribe((event: StationEvent) => {
      if (wanted.has(event.name)) ref.current(event.payload as EventPayload<K>, event.name as K);
    });
  }, [key]);
}

export interface Query<T> {
  data: T | undefined;
  error: string | null;
  reload: () => void;
}

/** Loads a read call, and reloads it whenever one of the given events arrives (so screens stay live). */
export function useStationQuery<K extends CallName>(
  name: K,
  input: CallInput<K>,
  reloadOn: readonly EventName[] = [],
): Query<CallOutput<K>> {
  const [data, setData] = useState<CallOutput<K>>();
  const [error, setError] = useState<string | null>(null);
  const inputKey = JSON.stringify(input);
  const seq = useRef(0);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    callStation(name, JSON.parse(inputKey) as CallInput<K>).then(
      (value) => {
        if (mine !== seq.current) return;
        setData(value);
        setError(null);
      },
      (failure: unknown) => {
        if (mine === seq.current) setError(errorText(failure));
      },
    );
  }, [name, inputKey]);
  useEffect(reload, [reload]);
  useStationEvent(reloadOn, reload);
  return { data, error, reload };
}
