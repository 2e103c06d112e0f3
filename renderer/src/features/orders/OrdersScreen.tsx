import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarketplaceStatus, PullSummary } from '../../../../shared/contract/orders';
import type { Order, Service } from '../../../../shared/domain/orders/order';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import './orders.css';

const HOUR = 3_600_000;

/** "3 hr", "2.5 days", "40 min" in the UI's language. */
function duration(ms: number, locale: string): string {
  const minutes = Math.abs(ms) / 60_000;
  const unit = (value: number, name: 'minute' | 'hour' | 'day', digits = 0) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  if (minutes < 60) return unit(Math.round(minutes), 'minute');
  if (minutes < 48 * 60) return unit(Math.floor(minutes / 60), 'hour');
  return unit(minutes / 1440, 'day', 1);
}

/** Re-renders every 30 s so "in 3 hr" stays true while the screen is open. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Deadline({ at, now, atRiskHours }: { at: number | null; now: number; atRiskHours: number }) {
  const { t, i18n } = useTranslation('orders');
  if (at === null) return <span className="orders-muted">—</span>;
  const left = at - now;
  const tone = left < 0 ? 'overdue' : left < atRiskHours * HOUR ? 'at-risk' : 'ok';
  return (
    <span className={`orders-deadline orders-deadline--${tone}`} data-deadline={tone}>
      {left < 0 ? t('overdue', { time: duration(left, i18n.language) }) : t('dueIn', { time: duration(left, i18n.language) })}
      <small>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(at)}</small>
    </span>
  );
}

/** No quantity field upstream: two units of a SKU are two lines, shown as "2 × Lamp". */
function Items({ order }: { order: Order }) {
  const groups = new Map<string, { name: string; count: number }>();
  for (const line of order.lines) {
    const group = groups.get(line.skuId) ?? { name: line.skuName ? `${line.productName} (${line.skuName})` : line.productName, count: 0 };
    group.count += 1;
    groups.set(line.skuId, group);
  }
  return (
    <ul className="orders-items">
      {[...groups.values()].map((group, i) => (
        <li key={i}>
          {group.count} × {group.name}
        </li>
      ))}
    </ul>
  );
}

function PullResult({ pull }: { pull: PullSummary | null }) {
  const { t, i18n } = useTranslation('orders');
  if (!pull) return <span>{t('neverPulled')}</span>;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(pull.finishedAt ?? pull.startedAt);
  const result =
    pull.outcome === 'running' ? t('result.running') : pull.outcome === 'failed' ? t('result.failed', { message: pull.errorMessage ?? pull.errorCode }) : t('result.ok', pull);
  return (
    <span data-testid="pull-result" data-outcome={pull.outcome}>
      {t('lastPull', { when })} · <span className={pull.outcome === 'failed' ? 'message message--error' : ''}>{result}</span>
    </span>
  );
}

/** Orders TikTok sent that the station could not read: they wait here, fetched again at every pull, until they read. */
function UnreadableOrders() {
  const { t, i18n } = useTranslation('orders');
  const unreadable = useStationQuery('orders.unreadable', {}, ['pull.status']);
  const orders = unreadable.data?.orders ?? [];
  if (orders.length === 0) return null;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section className="orders-unreadable" aria-labelledby="orders-unreadable-title" data-testid="unreadable-orders">
      <h2 id="orders-unreadable-title">{t('unreadable.title', { count: orders.length })}</h2>
      <p className="orders-muted">{t('unreadable.help')}</p>
      <table className="orders-table">
        <thead>
          <tr>
            <th>{t('col.order')}</th>
            <th>{t('unreadable.field')}</th>
            <th>{t('unreadable.reason')}</th>
            <th>{t('unreadable.shop')}</th>
            <th>{t('unreadable.since')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={`${order.shopId}/${order.orderId}`} data-testid="unreadable-row" data-order-id={order.orderId} data-field={order.field}>
              <td>{order.orderId}</td>
              <td>
                <code>{order.field}</code>
              </td>
              <td>{order.reason}</td>
              <td>{order.shopId}</td>
              <td>
                {when.format(order.firstSeenAt)}
                <div className="orders-muted">{t('unreadable.attempts', { count: order.attempts })}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ConnectionAlert({ status }: { status: MarketplaceStatus }) {
  const { t } = useTranslation('orders');
  const state = status.connection.state;
  if (state !== 'reconnect_required' && state !== 'config_error' && state !== 'unreachable') return null;
  return (
    <p className="orders-alert" role="alert" data-testid="marketplace-alert">
      {t(`connection.${state}`, { message: status.connection.message })}
    </p>
  );
}

export function OrdersScreen() {
  const { t } = useTranslation('orders');
  const now = useNow();
  const [carrier, setCarrier] = useState('');
  const [service, setService] = useState<Service | ''>('');
  const [pulling, setPulling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queue = useStationQuery('orders.queue', { ...(carrier ? { carrier } : {}), ...(service ? { service } : {}) }, ['order.changed', 'pull.status']);
  const status = useStationQuery('marketplace.status', {}, ['pull.status']);
  const atRisk = useStationQuery('settings.list', {}, ['settings.changed']).data?.find((s) => s.key === 'dashboard.atRiskHours')?.value;

  const pullNow = async () => {
    setPulling(true);
    setError(null);
    try {
      await callStation('orders.pullNow', {});
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPulling(false);
      status.reload();
      queue.reload();
    }
  };

  const busy = pulling || status.data?.pulling === true;
  return (
    <section className="screen orders-screen">
      <header className="orders-head">
        <h1>{t('title')}</h1>
        <div className="orders-pull">
          <button type="button" onClick={pullNow} disabled={busy}>
            {busy ? t('pulling') : t('pullNow')}
          </button>
          {status.data && <PullResult pull={status.data.lastPull} />}
          {status.data && <span className="orders-muted">{t('mode', { mode: t(`mode.${status.data.mode}`) })}</span>}
        </div>
      </header>
      {status.data && <ConnectionAlert status={status.data} />}
      {(error ?? queue.error) && <p role="alert">{error ?? queue.error}</p>}
      <UnreadableOrders />
      <div className="orders-filters">
        <label>
          {t('carrier')}
          <select value={carrier} onChange={(event) => setCarrier(event.target.value)}>
            <option value="">{t('all')}</option>
            {queue.data?.carriers.map((c) => (
              <option key={c.carrier} value={c.carrier}>
                {c.carrier} ({c.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('service')}
          <select value={service} onChange={(event) => setService(event.target.value as Service | '')}>
            <option value="">{t('all')}</option>
            {queue.data?.services.map((s) => (
              <option key={s.service} value={s.service}>
                {t(`service.${s.service}`)} ({s.count})
              </option>
            ))}
          </select>
        </label>
        {queue.data && <span data-testid="orders-count">{t('count', { count: queue.data.orders.length })}</span>}
      </div>
      {queue.data?.orders.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table className="orders-table" aria-label={t('title')}>
          <thead>
            <tr>
              <th>{t('col.packBy')}</th>
              <th>{t('col.order')}</th>
              <th>{t('col.carrier')}</th>
              <th>{t('col.service')}</th>
              <th>{t('col.items')}</th>
              <th>{t('col.shipTo')}</th>
              <th>{t('col.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.data?.orders.map((order) => (
              <tr key={order.id} data-testid="order-row" data-order-id={order.id} data-pack-by={order.packBy ?? ''}>
                <td>
                  <Deadline at={order.packBy} now={now} atRiskHours={typeof atRisk === 'number' ? atRisk : 6} />
                </td>
                <td>
                  <div>{order.id}</div>
                  <div className="orders-muted">{t(`shipping.${order.shippingType}`)}</div>
                </td>
                <td>{order.carrier ?? '—'}</td>
                <td>{t(`service.${order.service}`)}</td>
                <td>
                  <Items order={order} />
                </td>
                <td>
                  <div>{order.recipient.name}</div>
                  <div className="orders-muted">
                    {[order.recipient.city, order.recipient.postalCode, order.recipient.countryCode].filter(Boolean).join(', ')}
                  </div>
                </td>
                <td>
                  {order.isCod && <span className="orders-badge orders-badge--cod">{t('cod')}</span>}
                  {order.lines.some((line) => line.isGift) && <span className="orders-badge orders-badge--gift">{t('gift')}</span>}
                  {order.buyerMessage && (
                    <div title={t('message')}>
                      <span className="orders-badge">{t('message')}</span> {order.buyerMessage}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
