import { useCallback, useRef, useState } from 'react';
import { errorText } from '../i18n/errors';

export interface ActionOutcome {
  ok: boolean;
  text: string;
}

export interface Action {
  busy: boolean;
  /** What the last action came to, in words for people: its own success text, or the failure chosen by error code. */
  outcome: ActionOutcome | null;
  /**
   * Runs a station action from a click or a submit. It returns nothing, so an event handler never drops a rejected
   * promise; the action's resolved string (if any) becomes the success text.
   */
  run: (action: () => Promise<string | void>) => void;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  // A slow answer must not overwrite the outcome of an action the person started after it.
  const seq = useRef(0);
  const run = useCallback((action: () => Promise<string | void>) => {
    const mine = ++seq.current;
    setBusy(true);
    setOutcome(null);
    action().then(
      (text) => {
        if (mine !== seq.current) return;
        setBusy(false);
        setOutcome(text ? { ok: true, text } : null);
      },
      (failure: unknown) => {
        if (mine !== seq.current) return;
        setBusy(false);
        setOutcome({ ok: false, text: errorText(failure) });
      },
    );
  }, []);
  const clear = useCallback(() => setOutcome(null), []);
  return { busy, outcome, run, clear };
}
