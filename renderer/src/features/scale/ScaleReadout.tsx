import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackView } from '../../../../shared/contract/pack';
import { WEIGHT_REFUSALS, type WeightRefusal } from '../../../../shared/contract/scale';
import type { ScaleState } from '../../../../shared/domain/weight/hid-report';
import { formatGrams, parseTypedWeight } from '../../../../shared/domain/weight/typed';
import { errorText } from '../../i18n/errors';
import { CallFailed, callStation } from '../../station/bridge';
import { useStationEvent, useStationQuery } from '../../station/hooks';
import { useScale } from './use-scale';
import './scale.css';

/** One meaning per colour: green steady, amber moving or empty, red a scale that cannot weigh. */
const TONE: Record<ScaleState, 'ok' | 'warn' | 'error'> = {
  stable: 'ok',
  in_motion: 'warn',
  zero: 'warn',
  under_zero: 'error',
  over_capacity: 'error',
  fault: 'error',
  calibrate: 'error',
  rezero: 'error',
};

/**
 * Records the weight again. A Ctrl chord, like the pack screen's other chords: a letter alone would be read as part
 * of a scan, and the function keys are taken (F1-F5 screens, F6-F10 pack actions).
 */
const WEIGH_KEY = 'g';

const weightText = (grams: number) => {
  const shown = formatGrams(grams);
  return `${shown.value} ${shown.unit}`;
};

function refusalOf(failure: unknown): WeightRefusal | null {
  const reason = failure instanceof CallFailed ? (failure.details as { reason?: unknown } | undefined)?.reason : null;
  return (WEIGHT_REFUSALS as readonly unknown[]).includes(reason) ? (reason as WeightRefusal) : null;
}

/**
 * The parcel's weight at the bench: what the scale reads now and whether it is steady, what was recorded with the
 * order on screen, and Ctrl+G to record it again. Without a scale, the packer types the weight. The steady reading is
 * recorded by the station when the order's last item is verified.
 */
export function ScaleReadout({ view }: { view: PackView | null }) {
  const { t } = useTranslation('scale');
  const { feed, reading, unreadable } = useScale();
  const orderId = view?.order.id ?? null;
  const deskUnit = useStationQuery('scale.status', {}, ['settings.changed']).data?.deskUnit ?? 'g';
  const recorded = useStationQuery('scale.weight', { orderId: orderId ?? '-' }, ['scale.recorded']).data ?? null;
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [typed, setTyped] = useState<number | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => setMessage(null), [orderId]);
  useStationEvent(['scale.recorded'], (weight) => {
    if (weight.orderId === orderId) setTyped(null);
  });

  const fail = useCallback(
    (failure: unknown) => {
      const refusal = refusalOf(failure);
      setMessage({ tone: 'error', text: refusal ? t(`refusal.${refusal}`) : errorText(failure) });
    },
    [t],
  );

  const weigh = useCallback(async () => {
    if (!orderId) return;
    try {
      const weight = await callStation('scale.record', { orderId });
      setMessage({ tone: 'ok', text: t('recordedNow', { weight: weightText(weight.grams) }) });
    } catch (failure) {
      fail(failure);
    }
  }, [fail, orderId, t]);

  const weighRef = useRef(weigh);
  weighRef.current = weigh;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.key.toLowerCase() !== WEIGH_KEY) return;
      event.preventDefault();
      void weighRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const applyTyped = async (text: string) => {
    const parsed = parseTypedWeight(text, deskUnit);
    if (!parsed.ok) {
      setMessage({ tone: 'error', text: t(`typed.${parsed.code}`, { unit: parsed.unit ?? '' }) });
      return;
    }
    try {
      await callStation('scale.reading', { grams: parsed.grams, state: 'stable', source: 'typed' });
      if (field.current) {
        field.current.value = '';
        // Back to scanning: keys typed into this field would not reach the scan capture.
        field.current.blur();
      }
      // A packed parcel takes the weight now; an order still being packed takes it when its last item is verified.
      if (orderId && view?.state !== 'open') await weigh();
      else {
        setTyped(parsed.grams);
        setMessage(null);
      }
    } catch (failure) {
      fail(failure);
    }
  };

  const tone = reading ? TONE[reading.state] : 'warn';
  return (
    <section className="scale-readout" aria-label={t('title')} data-testid="scale-readout">
      <span className="scale-feed">{t(`feed.${feed.kind}`, { name: feed.kind === 'usb' ? feed.name : '' })}</span>
      {reading && (
        <output className={`scale-weight scale-weight--${tone}`} data-testid="scale-weight" data-state={reading.state}>
          <strong>{weightText(reading.grams)}</strong> <span>{t(`state.${reading.state}`)}</span>
        </output>
      )}
      {unreadable && <span className="message message--error">{t('unreadable')}</span>}
      {feed.kind === 'none' && (
        <form
          className="scale-typed"
          onSubmit={(event) => {
            event.preventDefault();
            void applyTyped(field.current?.value ?? '');
          }}
        >
          <label>
            {t('typed.label')}
            <input
              ref={field}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('typed.placeholder')}
              data-testid="scale-typed"
            />
          </label>
          <button type="submit">{t('typed.submit')}</button>
        </form>
      )}
      <span className="scale-recorded" data-testid="scale-recorded">
        {recorded && orderId
          ? t('recorded', { weight: weightText(recorded.grams) })
          : typed !== null
            ? t('typed.pending', { weight: weightText(typed) })
            : orderId
              ? t('notRecorded')
              : ''}
      </span>
      <button type="button" onClick={() => void weigh()} disabled={!orderId || feed.kind === 'none'}>
        {t('weigh')} <kbd>Ctrl+G</kbd>
      </button>
      {message && (
        <span role="status" className={`message message--${message.tone}`}>
          {message.text}
        </span>
      )}
    </section>
  );
}
