import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_PREFIX, type HoldReason } from '../../../../shared/domain/scan/commands';
import type { EntrySource } from '../../../../shared/domain/scan/entry';
import { validateTracking } from '../../../../shared/domain/tracking/validate';
import { errorText } from '../../i18n/errors';
import { callStation } from '../../station/bridge';
import { DEFAULT_SCANNER_CONFIG } from '../../../../shared/domain/scan/scanner-detector';
import { useStationQuery } from '../../station/hooks';
import { CommandSheet } from './CommandSheet';
import { HoldDialog } from './HoldDialog';
import { LabelPanel } from './LabelPanel';
import { OrderPanel } from './OrderPanel';
import { HoldsPanel, QueuePanel } from './SidePanels';
import { ScaleReadout } from '../scale/ScaleReadout';
import { isMuted, preloadSounds, setMuted } from './sounds';
import { SupervisorDialog, type SupervisorAnswer, type SupervisorTask } from './SupervisorDialog';
import { usePack } from './use-pack';
import { MANUAL_FIELD, useScanCapture } from './use-scan-capture';
import { PackPrompt, VerdictBanner } from './VerdictBanner';
import './pack.css';

const QUEUE_HIDDEN = 'packbench.pack.queueHidden';

type Open = { kind: 'hold' } | { kind: 'sheet' } | { kind: 'supervisor'; task: SupervisorTask };

/** Keys that work without the mouse; function keys and Ctrl chords never collide with what a scanner types. */
const HOTKEYS: Record<string, string> = {
  F6: 'undo',
  F7: 'hold',
  F8: 'print',
  F9: 'next',
  F10: 'cancel',
  'Ctrl+o': 'override',
  'Ctrl+k': 'link',
  'Ctrl+m': 'mute',
};

function keyName(event: KeyboardEvent): string {
  return event.ctrlKey ? `Ctrl+${event.key.toLowerCase()}` : event.key;
}

export function PackScreen() {
  const { t } = useTranslation('pack');
  // Until the station's scanner settings arrive, the defaults listen: a scan right after sign-in is not lost.
  const config = useStationQuery('pack.config', {}, ['settings.changed']).data?.scanner ?? DEFAULT_SCANNER_CONFIG;
  const { state, submit, send, request, tell } = usePack();
  const [open, setOpen] = useState<Open | null>(null);
  const [supervisorError, setSupervisorError] = useState<string | null>(null);
  const [muted, setMutedState] = useState(isMuted);
  // Folded away, the queue leaves the whole width to the order; the desk keeps its choice across restarts.
  const [queueShown, setQueueShown] = useState(() => localStorage.getItem(QUEUE_HIDDEN) !== '1');
  const toggleQueue = () => {
    localStorage.setItem(QUEUE_HIDDEN, queueShown ? '1' : '0');
    setQueueShown(!queueShown);
  };
  const manual = useRef<HTMLInputElement>(null);
  const { view, shown } = state;
  const openOrder = view?.state === 'open' ? view : null;
  const unknownCode =
    shown?.type === 'verdict' && shown.verdict.kind === 'unknown' && openOrder ? shown.verdict.code : null;

  // The label of the order just packed (or, after a restart, the last one packed here).
  const packedId = view && view.state !== 'open' ? view.order.id : undefined;
  const label =
    useStationQuery('pack.label', packedId ? { orderId: packedId } : {}, [
      'pack.label',
      'printing.job',
      'sync.changed',
      'pack.changed',
    ]).data ?? null;
  const wantsTracking = label?.state === 'scan_tracking' && !openOrder ? label : null;
  const setTracking = useCallback(
    async (text: string) => {
      if (!wantsTracking) return;
      await callStation('pack.setTracking', { orderId: wantsTracking.orderId, trackingNumber: text });
    },
    [wantsTracking],
  );
  // While the packed parcel waits for its carrier label, a scan that reads as that carrier's number is its tracking number.
  const onScan = useCallback(
    (text: string, source: EntrySource) => {
      if (
        wantsTracking &&
        !text.trim().toUpperCase().startsWith(COMMAND_PREFIX) &&
        validateTracking(wantsTracking.carrier, text).ok
      ) {
        setTracking(text).catch((failure: unknown) => tell({ type: 'failed', message: errorText(failure) }, undefined));
        return;
      }
      submit(text, source);
    },
    [setTracking, submit, tell, wantsTracking],
  );

  useScanCapture(config, open === null, onScan);
  useEffect(preloadSounds, []);
  const wantsReason = shown?.type === 'verdict' && shown.verdict.kind === 'hold_reason_needed' && openOrder !== null;
  // Keyed on the verdict count: a new HOLD scan opens the picker, a re-render of the same verdict does not.
  useEffect(() => {
    if (wantsReason) setOpen({ kind: 'hold' });
  }, [state.seq, wantsReason]);

  const close = useCallback(() => {
    setOpen(null);
    setSupervisorError(null);
  }, []);

  const actions: Record<string, () => void> = {
    undo: () => void send('pack.undo', {}),
    hold: () => openOrder && setOpen({ kind: 'hold' }),
    print: () => void send('pack.print', {}),
    next: () => void send('pack.next', {}),
    cancel: () => void send('pack.cancel', {}),
    override: () =>
      openOrder && setOpen({ kind: 'supervisor', task: { kind: 'override', orderId: openOrder.order.id } }),
    link: () =>
      unknownCode &&
      openOrder &&
      setOpen({ kind: 'supervisor', task: { kind: 'link', code: unknownCode, lines: openOrder.verification.lines } }),
    mute: () => {
      setMuted(!muted);
      setMutedState(!muted);
    },
  };
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const dialogOpen = open !== null;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = HOTKEYS[keyName(event)];
      if (!action || dialogOpen) return;
      event.preventDefault();
      actionsRef.current[action]!();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen]);

  const hold = useCallback(
    (reason: HoldReason, note: string) => {
      setOpen(null);
      void send('pack.hold', { reason, note });
    },
    [send],
  );

  // Stable, so the queue and hold lists do not re-render on every scan.
  const openFromQueue = useCallback((orderId: string) => void send('pack.open', { orderId }), [send]);
  const releaseHold = useCallback(
    (orderId: string) => setOpen({ kind: 'supervisor', task: { kind: 'release', orderId } }),
    [],
  );

  const confirmSupervisor = async (task: SupervisorTask, answer: SupervisorAnswer) => {
    try {
      if (task.kind === 'override') await request('pack.override', { pin: answer.pin, reason: answer.text });
      else if (task.kind === 'link')
        await request('pack.linkBarcode', { pin: answer.pin, code: task.code, lineKey: answer.lineKey });
      else await request('pack.releaseHold', { pin: answer.pin, orderId: task.orderId, note: answer.text });
      close();
    } catch (failure) {
      setSupervisorError(errorText(failure));
    }
  };

  const button = (action: string, label: string, enabled = true) => {
    const key = Object.keys(HOTKEYS).find((hotkey) => HOTKEYS[hotkey] === action);
    return (
      <button type="button" onClick={actions[action]} disabled={!enabled}>
        {label} {key && <kbd>{key}</kbd>}
      </button>
    );
  };

  return (
    <div
      className={`pack-screen${queueShown ? '' : ' pack-screen--wide'}`}
      data-testid="pack-screen"
      data-busy={state.busy}
    >
      <div className="pack-main">
        <VerdictBanner shown={shown} view={view} seq={state.seq} />
        <div className="pack-bar">
          <PackPrompt view={view} />
          <form
            className="pack-manual"
            onSubmit={(event) => {
              event.preventDefault();
              const value = manual.current?.value ?? '';
              if (manual.current) manual.current.value = '';
              if (value.trim()) onScan(value, 'manual');
            }}
          >
            <label>
              {t('manual.label')}
              <input
                ref={manual}
                {...{ [MANUAL_FIELD]: 'manual' }}
                autoComplete="off"
                spellCheck={false}
                data-testid="pack-manual-entry"
              />
            </label>
            <button type="submit">{t('manual.submit')}</button>
          </form>
        </div>
        <div className="pack-actions">
          {button('undo', t('action.undo'), !!openOrder)}
          {button('hold', t('action.hold'), !!openOrder)}
          {button('print', t('action.print'))}
          {button('next', t('action.next'))}
          {button('cancel', t('action.cancel'), !!openOrder)}
          {button('override', t('action.override'), !!openOrder && !openOrder.complete)}
          {button('link', t('action.link'), !!unknownCode)}
          <button type="button" onClick={() => setOpen({ kind: 'sheet' })}>
            {t('action.commandSheet')}
          </button>
          <button type="button" onClick={actions.mute} aria-pressed={muted}>
            {muted ? t('action.unmute') : t('action.mute')} <kbd>Ctrl+M</kbd>
          </button>
        </div>
        {label && !openOrder && <LabelPanel label={label} onTracking={setTracking} />}
        {view && <OrderPanel view={view} />}
      </div>
      <aside className="pack-aside" id="pack-aside" hidden={!queueShown}>
        <ScaleReadout view={view} />
        <QueuePanel onOpen={openFromQueue} />
        <HoldsPanel onRelease={releaseHold} />
      </aside>
      <button
        type="button"
        className="pack-aside-toggle"
        aria-expanded={queueShown}
        aria-controls="pack-aside"
        onClick={toggleQueue}
      >
        {queueShown ? t('queue.hide') : t('queue.show')}
      </button>
      {open?.kind === 'hold' && openOrder && <HoldDialog orderId={openOrder.order.id} onHold={hold} onClose={close} />}
      {open?.kind === 'sheet' && <CommandSheet onClose={close} />}
      {open?.kind === 'supervisor' && (
        <SupervisorDialog
          task={open.task}
          error={supervisorError}
          onConfirm={(answer) => void confirmSupervisor(open.task, answer)}
          onClose={close}
        />
      )}
    </div>
  );
}
