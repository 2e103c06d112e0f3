import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelStatus, ShippingProvider } from '../../../../shared/contract/pack';
import { errorText } from '../../i18n/errors';
import { callStation } from '../../station/bridge';
import { useAction } from '../../station/use-action';

const TONE: Record<LabelStatus['state'], 'ok' | 'warn' | 'error'> = {
  ship_queued: 'warn',
  waiting_tiktok: 'warn',
  ready: 'warn',
  scan_tracking: 'warn',
  printing: 'warn',
  printed: 'ok',
  failed: 'error',
  cancelled: 'error',
};

/** The facts a reason's or a todo's sentence names, each as text (a sentence never shows "undefined"). */
const facts = (coded: { carrier?: string; trackingNumber?: string; option?: string }) => ({
  carrier: coded.carrier ?? '',
  trackingNumber: coded.trackingNumber ?? '',
  option: coded.option ?? '',
});

/**
 * The label of the order just packed, always in one of its states (printing, printed, waiting for TikTok and why,
 * scan the carrier label, failed with the one thing to do), with the carrier and the tracking number it ships with.
 */
export function LabelPanel({ label, onTracking }: { label: LabelStatus; onTracking: (text: string) => Promise<void> }) {
  const { t } = useTranslation('pack');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [providers, setProviders] = useState<ShippingProvider[] | null>(null);
  const changeable = label.flow === 'seller' && label.state !== 'printed' && label.state !== 'cancelled';
  const slip = useAction();

  const saveTracking = async () => {
    try {
      await onTracking(typed);
      setTyped('');
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const listCarriers = async () => {
    try {
      setProviders(await callStation('pack.carriers', { orderId: label.orderId }));
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const chooseCarrier = async (id: string) => {
    const provider = providers?.find((candidate) => candidate.id === id);
    if (!provider) return;
    try {
      await callStation('pack.setCarrier', { orderId: label.orderId, provider });
      setProviders(null);
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section
      className={`pack-label pack-label--${TONE[label.state]}`}
      data-testid="label-status"
      data-state={label.state}
      aria-live="polite"
    >
      <h3>{t('label.title', { orderId: label.orderId })}</h3>
      <p className="pack-label__state">{t(`label.state.${label.state}`)}</p>
      {label.parcels > 1 && (
        <p className="pack-label__split" data-testid="label-split">
          {t('label.split', { count: label.parcels })}
        </p>
      )}
      {label.reason && (
        <p data-testid="label-reason" data-code={label.reason.code}>
          {t(`labelReason.${label.reason.code}`, facts(label.reason))}
        </p>
      )}
      {label.todo && (
        <p className="pack-label__todo" data-testid="label-todo" data-code={label.todo.code}>
          <strong>{t(`labelTodo.${label.todo.code}`, facts(label.todo))}</strong>
        </p>
      )}
      <dl>
        <dt>{t('label.carrier')}</dt>
        <dd data-testid="label-carrier">{label.carrier ?? '—'}</dd>
        <dt>{t('label.tracking')}</dt>
        <dd data-testid="label-tracking">{label.trackingNumber ?? '—'}</dd>
        <dt />
        <dd>{t(`label.shipWrite.${label.shipWrite}`)}</dd>
      </dl>
      {label.state === 'scan_tracking' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (typed.trim()) void saveTracking();
          }}
        >
          <label>
            {t('label.scanHere')}
            <input
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              data-testid="label-tracking-entry"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <button type="submit">{t('label.save')}</button>
        </form>
      )}
      {changeable &&
        (providers ? (
          <label>
            {t('label.chooseCarrier')}
            <select
              defaultValue=""
              onChange={(event) => void chooseCarrier(event.target.value)}
              data-testid="label-carrier-choice"
            >
              <option value="" disabled>
                —
              </option>
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <button type="button" onClick={() => void listCarriers()}>
            {t('label.changeCarrier')}
          </button>
        ))}
      {label.state === 'printed' && (
        <button
          type="button"
          disabled={slip.busy}
          onClick={() =>
            slip.run(async () => {
              await callStation('pack.printSlip', { orderId: label.orderId });
              return t('label.slipQueued');
            })
          }
        >
          {t('label.printSlip')}
        </button>
      )}
      {slip.outcome && (
        <p
          role={slip.outcome.ok ? 'status' : 'alert'}
          className={slip.outcome.ok ? 'message' : 'message message--error'}
          data-testid="label-slip-outcome"
        >
          {slip.outcome.text}
        </p>
      )}
      {error && (
        <p role="alert" className="message message--error" data-testid="label-error">
          {error}
        </p>
      )}
    </section>
  );
}
