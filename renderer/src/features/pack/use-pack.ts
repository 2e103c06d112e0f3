import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName } from '../../../../shared/contract';
import type { PackResult, PackView } from '../../../../shared/contract/pack';
import { classifyEntry, type EntrySource } from '../../../../shared/domain/scan/entry';
import { storedSpellings, type ScannedCode } from '../../../../shared/domain/scan/normalize';
import { findLine, reduce, type PackAction } from '../../../../shared/domain/scan/verification';
import { errorText } from '../../i18n/errors';
import { callStation } from '../../station/bridge';
import { shareEqual } from '../../station/share-equal';
import { useStationEvent } from '../../station/hooks';
import { afterPaint } from './after-paint';
import { playTone } from './sounds';
import { toneOfShown, type Shown } from './verdict-message';

type PackCall = Extract<CallName, `pack.${string}`>;

export interface PackScreenState {
  view: PackView | null;
  shown: Shown | null;
  /** Counts verdicts shown, so a repeated identical verdict is still a new one (and tests can wait for it). */
  seq: number;
  busy: boolean;
}

/**
 * The pack screen's state. A scan of an item of the open order is judged at once by the shared reducer (the same
 * code the station runs) and shown and sounded before the station answers; so is a code of another product the
 * station knows (a wrong item), from the station's list of known codes. The station's answer, which is what was
 * recorded, replaces the verdict when it differs. Calls go out one at a time, in scan order, so the station sees
 * scans as the packer made them; a scan already judged here goes out once its verdict is painted. A view from the
 * station keeps the parts of the one on screen that did not change (shareEqual), so only what changed renders again.
 */
export function usePack() {
  const [state, setState] = useState<PackScreenState>({ view: null, shown: null, seq: 0, busy: false });
  const viewRef = useRef<PackView | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  /** The codes the station knows products by (pack.knownCodes); null until they arrive. */
  const knownCodes = useRef<ReadonlySet<string> | null>(null);

  const loadKnownCodes = useCallback(() => {
    void callStation('pack.knownCodes', {}).then(
      ({ codes }) => (knownCodes.current = new Set(codes)),
      // Without the list, such scans wait for the station as before.
      () => undefined,
    );
  }, []);
  useEffect(loadKnownCodes, [loadKnownCodes]);
  const knownElsewhere = useCallback(
    (code: ScannedCode) => storedSpellings(code).some((spelling) => knownCodes.current?.has(spelling)),
    [],
  );

  const show = useCallback((shown: Shown, next: PackView | null | undefined) => {
    playTone(toneOfShown(shown));
    const view = next === undefined ? viewRef.current : shareEqual(viewRef.current, next);
    viewRef.current = view;
    setState((prev) => ({
      view,
      shown,
      seq: prev.seq + 1,
      busy: pending.current > 0,
    }));
  }, []);

  const adopt = useCallback((next: PackView | null) => {
    const view = shareEqual(viewRef.current, next);
    viewRef.current = view;
    const busy = pending.current > 0;
    // The station agreeing with what is on screen renders nothing again.
    setState((prev) => (prev.view === view && prev.busy === busy ? prev : { ...prev, view, busy }));
  }, []);

  /** Sends a call after the ones before it. optimistic: the verdict already shown for it, if any. */
  const send = useCallback(
    <K extends PackCall>(name: K, input: CallInput<K>, optimistic: Shown | null = null) => {
      pending.current += 1;
      setState((prev) => (prev.busy ? prev : { ...prev, busy: true }));
      const run = async () => {
        try {
          if (optimistic) await afterPaint();
          const result = (await callStation(name, input)) as PackResult;
          pending.current -= 1;
          const agreed =
            optimistic?.type === 'verdict' &&
            optimistic.verdict.kind === result.verdict.kind &&
            optimistic.verdict.count === result.verdict.count;
          if (!agreed) show({ type: 'verdict', verdict: result.verdict }, result.view);
          // The station judged a code by products this screen did not know of (or no longer knows): learn them again.
          if (!agreed && (result.verdict.kind === 'wrong_item' || result.verdict.kind === 'unknown')) loadKnownCodes();
          // While later scans are still on their way, the screen already shows their effect: keep it.
          else if (pending.current === 0) adopt(result.view);
        } catch (failure) {
          pending.current -= 1;
          const current = await callStation('pack.current', {}).catch(() => viewRef.current);
          show({ type: 'failed', message: errorText(failure) }, current);
        }
      };
      queue.current = queue.current.then(run);
      return queue.current;
    },
    [adopt, loadKnownCodes, show],
  );

  /** A call whose failure the caller shows itself (a supervisor dialog keeps its wrong-PIN message); in order too. */
  const request = useCallback(
    <K extends PackCall>(name: K, input: CallInput<K>): Promise<void> => {
      pending.current += 1;
      const run = async () => {
        try {
          const result = (await callStation(name, input)) as PackResult;
          show({ type: 'verdict', verdict: result.verdict }, result.view);
        } finally {
          pending.current -= 1;
        }
      };
      const done = queue.current.then(run);
      queue.current = done.catch(() => undefined);
      return done;
    },
    [show],
  );

  const reload = useCallback(() => {
    void callStation('pack.current', {}).then((view) => {
      if (pending.current === 0) adopt(view);
    });
  }, [adopt]);

  useEffect(reload, [reload]);
  // Something changed the open order elsewhere (cancelled upstream, released): reread it when idle. A finished order
  // stays on screen until the next one is opened, so the packer can still read what was packed.
  useStationEvent(['pack.changed'], () => {
    if (pending.current === 0 && viewRef.current?.state === 'open') reload();
  });

  // The marketplace cancelled the order open here (or changed its address): stop the packer, red and loud.
  useStationEvent(['pack.stopped'], (payload) => {
    void callStation('pack.current', {})
      .catch(() => viewRef.current)
      .then((view) => show({ type: 'stopped', orderId: payload.orderId, reason: payload.reason }, view));
  });

  const applyLocal = useCallback(
    (action: PackAction): Shown | null => {
      const view = viewRef.current;
      if (!view || view.state !== 'open') return null;
      const reduction = reduce(view.verification, action);
      const shown: Shown = { type: 'verdict', verdict: reduction.verdict };
      show(shown, { ...view, verification: reduction.verification, complete: reduction.verdict.complete });
      return shown;
    },
    [show],
  );

  const submit = useCallback(
    (text: string, source: EntrySource) => {
      const view = viewRef.current;
      const open = view?.state === 'open' ? view : null;
      const entry = classifyEntry(text, source, open?.verification ?? null);
      switch (entry.type) {
        case 'ignored':
          show({ type: 'typed', text: text.trim().slice(0, 40) }, undefined);
          return;
        case 'rejected':
          show({ type: 'rejected', reason: entry.reason }, undefined);
          return;
        case 'quantity': {
          const optimistic = applyLocal({ type: 'quantity', quantity: entry.quantity });
          void send('pack.scan', { text: text.trim(), source }, optimistic);
          return;
        }
        case 'code': {
          // Shown at once: a scan the order itself can judge, and a known product's code (a wrong item: the station
          // may still find it is another order's). Anything else needs the station (another order? an unknown code?).
          const inOrder =
            open &&
            (open.verification.progress.awaiting?.kind === 'serial' || findLine(open.verification, entry.code.keys));
          const wrong = open && !inOrder && knownElsewhere(entry.code);
          const optimistic =
            inOrder || wrong ? applyLocal({ type: 'item', code: entry.code, knownElsewhere: !inOrder }) : null;
          void send('pack.scan', { text, source }, optimistic);
          return;
        }
        case 'command':
          void send('pack.scan', { text: entry.text, source });
      }
    },
    [applyLocal, knownElsewhere, send, show],
  );

  return { state, submit, send, request, tell: show };
}
