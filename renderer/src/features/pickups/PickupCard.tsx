import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pickup } from '../../../../shared/contract/pickups';
import type { PickupSlot } from '../../../../shared/contract/sync';
import { callStation } from '../../station/bridge';
import { useAction } from '../../station/use-action';

const toLocalInput = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** One pickup: book it (TikTok shipping) or record the carrier's pickup (own carrier), then scan the handover. */
export function PickupCard({
  pickup,
  onManifest,
  format,
}: {
  pickup: Pickup;
  onManifest: (id: number) => void;
  format: (ms: number) => string;
}) {
  const { t } = useTranslation('pickups');
  const [slots, setSlots] = useState<Array<PickupSlot & { available: boolean }> | null>(null);
  const [slot, setSlot] = useState(0);
  const [ready, setReady] = useState(toLocalInput(Date.now() + 3_600_000));
  const [closes, setCloses] = useState(toLocalInput(Date.now() + 5 * 3_600_000));
  const [weight, setWeight] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [driver, setDriver] = useState('');
  const action = useAction();
  const error = action.outcome && !action.outcome.ok ? action.outcome.text : null;
  const run = (promise: Promise<unknown>) =>
    action.run(async () => {
      await promise;
    });
  const window = (a: number, b: number) => `${format(a)} – ${format(b)}`;
  const open = pickup.state !== 'closed';

  const getSlots = () =>
    run(callStation('pickups.slots', { pickupId: pickup.id }).then((answer) => setSlots(answer.slots)));
  const book = (method: 'PICKUP' | 'DROP_OFF') => {
    const chosen = slots?.[slot];
    return run(
      callStation('pickups.book', {
        pickupId: pickup.id,
        method,
        ...(method === 'PICKUP' && chosen ? { slot: { start: chosen.start, end: chosen.end } } : {}),
      }),
    );
  };
  const record = () =>
    run(
      callStation('pickups.record', {
        pickupId: pickup.id,
        readyAt: new Date(ready).getTime(),
        closeAt: new Date(closes).getTime(),
        totalWeightG: Math.round(Number(weight) * 1000),
        confirmationNumber: confirmation,
      }),
    );
  const manifest = () =>
    run(
      callStation('manifest.open', { pickupId: pickup.id, ...(driver ? { driverName: driver } : {}) }).then((m) =>
        onManifest(m.id),
      ),
    );

  return (
    <article className="pickup-card" data-testid={`pickup-${pickup.id}`}>
      <h3>
        {pickup.carrier} · {t(`shipping.${pickup.shippingType}`)} · {t(`state.${pickup.state}`)} ·{' '}
        {t('parcels', { count: pickup.parcels.length })}
      </h3>
      {pickup.handoverMethod && (
        <p>
          {t('booked', {
            method: t(`method.${pickup.handoverMethod}`),
            window: pickup.slot ? window(pickup.slot.start, pickup.slot.end) : '',
          })}
        </p>
      )}
      {pickup.confirmationNumber && pickup.readyAt !== null && pickup.closeAt !== null && (
        <p>
          {t('recorded', {
            confirmation: pickup.confirmationNumber,
            count: pickup.parcelCount ?? 0,
            weight: ((pickup.totalWeightG ?? 0) / 1000).toFixed(1),
            window: window(pickup.readyAt, pickup.closeAt),
          })}
        </p>
      )}
      <ul className="pickup-card__parcels">
        {pickup.parcels.map((p) => (
          <li key={p.packageId} className={p.late ? 'message--error' : undefined}>
            {p.trackingNumber ?? p.packageId} · {p.orderId} {p.late && <strong>({t('lateParcel')})</strong>}
            {p.handedOverAt !== null && (
              <span data-testid="parcel-collection" data-collected={p.collectedAt !== null}>
                {' '}
                · {p.collectedAt !== null ? t('collected', { time: format(p.collectedAt) }) : t('awaitingCarrierScan')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {open && pickup.shippingType === 'TIKTOK' && (
        <div className="pickup-card__form">
          <button type="button" onClick={() => void getSlots()}>
            {t('getSlots')}
          </button>
          {slots && (
            <label>
              {t('slot')}{' '}
              <select value={slot} onChange={(event) => setSlot(Number(event.target.value))}>
                {slots.map((s, i) => (
                  <option key={s.start} value={i} disabled={!s.available}>
                    {window(s.start, s.end)} {s.available ? '' : t('slotFull')}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" disabled={!slots?.[slot]?.available} onClick={() => void book('PICKUP')}>
            {t('bookPickup')}
          </button>
          <button type="button" onClick={() => void book('DROP_OFF')}>
            {t('dropOff')}
          </button>
        </div>
      )}
      {open && pickup.shippingType === 'SELLER' && (
        <div className="pickup-card__form">
          <label>
            {t('readyAt')}{' '}
            <input type="datetime-local" value={ready} onChange={(event) => setReady(event.target.value)} />
          </label>
          <label>
            {t('closeAt')}{' '}
            <input type="datetime-local" value={closes} onChange={(event) => setCloses(event.target.value)} />
          </label>
          <label>
            {t('weight')}{' '}
            <input inputMode="decimal" value={weight} onChange={(event) => setWeight(event.target.value)} />
          </label>
          <label>
            {t('confirmation')} <input value={confirmation} onChange={(event) => setConfirmation(event.target.value)} />
          </label>
          <button type="button" onClick={() => void record()}>
            {t('record')}
          </button>
        </div>
      )}
      {open && (
        <div className="pickup-card__form">
          <label>
            {t('driver')} <input value={driver} onChange={(event) => setDriver(event.target.value)} />
          </label>
          <button type="button" className="primary" onClick={() => void manifest()}>
            {t('openManifest')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="message message--error">
          {error}
        </p>
      )}
    </article>
  );
}
