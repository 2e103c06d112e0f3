import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Service } from '../../../../shared/domain/orders/order';
import { Deadline, useNow } from '../../i18n/deadline';
import { useStationQuery } from '../../station/hooks';
import { formatTime } from './format-time';

/** Paid orders waiting, earliest pack-by deadline first; a packer who has no slip at hand picks one here. */
export const QueuePanel = memo(function QueuePanel({ onOpen }: { onOpen: (orderId: string) => void }) {
  const { t } = useTranslation('pack');
  const [carrier, setCarrier] = useState('');
  const [service, setService] = useState('');
  const queue = useStationQuery(
    'pack.queue',
    { ...(carrier ? { carrier } : {}), ...(service ? { service: service as Service } : {}) },
    ['pack.changed', 'pack.completed'],
  );
  const orders = queue.data?.orders ?? [];
  const now = useNow();
  const atRisk = useStationQuery('settings.list', {}, ['settings.changed']).data?.find(
    (s) => s.key === 'dashboard.atRiskHours',
  )?.value;
  const atRiskHours = typeof atRisk === 'number' ? atRisk : 6;
  return (
    <section className="pack-side" aria-label={t('queue.title', { count: orders.length })} data-testid="pack-queue">
      <h2>{t('queue.title', { count: orders.length })}</h2>
      <div className="pack-side__filters">
        <label>
          {t('queue.carrier')}
          <select value={carrier} onChange={(event) => setCarrier(event.target.value)}>
            <option value="">{t('queue.all')}</option>
            {queue.data?.carriers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('queue.service')}
          <select value={service} onChange={(event) => setService(event.target.value)}>
            <option value="">{t('queue.all')}</option>
            {Service.options.map((name) => (
              <option key={name} value={name}>
                {t(`service.${name}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {queue.error && <p role="alert">{queue.error}</p>}
      {orders.length === 0 && <p>{t('queue.empty')}</p>}
      <ol className="pack-side__list">
        {orders.map((order) => (
          <li key={order.id}>
            <button
              type="button"
              onClick={() => onOpen(order.id)}
              disabled={order.openAtStation !== null}
              data-testid={`queue-${order.id}`}
            >
              <strong>{order.id}</strong>
              <Deadline at={order.packBy} now={now} atRiskHours={atRiskHours} />
              <span>
                {[order.carrier, t(`service.${order.service}`), t('queue.units', { count: order.units })]
                  .filter(Boolean)
                  .join(' · ')}
                {order.hasGift && ` · ${t('order.gift')}`}
                {order.hasBuyerMessage && ` · ${t('queue.message')}`}
                {order.openAtStation && ` · ${t('queue.openAt', { station: order.openAtStation })}`}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
});

/** Orders on hold with their reasons; a supervisor releases one back to the queue with their PIN. */
export const HoldsPanel = memo(function HoldsPanel({ onRelease }: { onRelease: (orderId: string) => void }) {
  const { t, i18n } = useTranslation('pack');
  const holds = useStationQuery('pack.holds', {}, ['pack.changed']);
  const list = holds.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="pack-side" data-testid="pack-holds">
      <h2>{t('holds.title', { count: list.length })}</h2>
      <ol className="pack-side__list">
        {list.map((hold) => (
          <li key={hold.orderId} data-testid={`hold-${hold.orderId}`}>
            <strong>{hold.orderId}</strong> {t(`reason.${hold.reason}`)}
            {hold.note && ` · ${hold.note}`} · {hold.heldBy ?? ''} · {formatTime(i18n.language, hold.heldAt)}
            <button type="button" onClick={() => onRelease(hold.orderId)}>
              {t('action.release')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
});
