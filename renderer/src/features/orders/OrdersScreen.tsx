import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarketplaceStatus, OrderQueue, PullSummary, QueueRow } from '../../../../shared/contract/orders';
import type { Service } from '../../../../shared/domain/orders/order';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';
import { Deadline, useNow } from '../../i18n/deadline';
import './orders.css';

/** No quantity field upstream: two units of a SKU are two lines, shown as "2 × Lamp". */
function Items({ row }: { row: QueueRow }) {
  const text = row.items.map((item) => `${item.count} × ${item.name}`).join(', ');
  return (
    <span className="orders-items" title={text}>
      {text}
    </span>
  );
}

/** Rows are one fixed height, so the list knows where any row is without rendering the ones before it. */
const ROW_HEIGHT = 56;
/** Rows rendered beyond each edge of the visible part, so a quick scroll does not show blanks. */
const OVERSCAN = 8;
/** Pages are asked at multiples of PAGE_STEP, and run a step past the last rendered row: scrolling a few rows asks nothing. */
const PAGE_STEP = 25;

/** The page of the queue that holds the rendered rows [start, end). */
function pageFor(start: number, end: number): { offset: number; limit: number } {
  const offset = Math.floor(start / PAGE_STEP) * PAGE_STEP;
  return { offset, limit: Math.min(500, (Math.ceil((end - offset) / PAGE_STEP) + 1) * PAGE_STEP) };
}

function OrderRow({
  row,
  index,
  now,
  atRiskHours,
}: {
  row: QueueRow;
  index: number;
  now: number;
  atRiskHours: number;
}) {
  const { t } = useTranslation('orders');
  return (
    <div
      role="row"
      className="orders-row"
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      aria-rowindex={index + 2}
      data-testid="order-row"
      data-order-id={row.id}
      data-pack-by={row.packBy ?? ''}
    >
      <div role="cell">
        <Deadline at={row.packBy} now={now} atRiskHours={atRiskHours} />
      </div>
      <div role="cell">
        <div>{row.id}</div>
        <div className="orders-muted">
          {row.atDesk && <span className="orders-badge orders-badge--desk">{t('atDesk')}</span>}
          {t(`shipping.${row.shippingType}`)}
        </div>
      </div>
      <div role="cell">{row.carrier ?? '—'}</div>
      <div role="cell">{t(`service.${row.service}`)}</div>
      <div role="cell">
        <Items row={row} />
      </div>
      <div role="cell">
        <div>{row.shipTo.name}</div>
        <div className="orders-muted">
          {[row.shipTo.city, row.shipTo.postalCode, row.shipTo.countryCode].filter(Boolean).join(', ')}
        </div>
      </div>
      <div role="cell" className="orders-notes">
        {row.isCod && <span className="orders-badge orders-badge--cod">{t('cod')}</span>}
        {row.hasGift && <span className="orders-badge orders-badge--gift">{t('gift')}</span>}
        {row.buyerMessage && (
          <span title={row.buyerMessage}>
            <span className="orders-badge">{t('message')}</span> {row.buyerMessage}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * The queue as a virtualised list: only the rows in view (and a few around them) are in the page, and only the page
 * of the queue that holds them is asked of the station, so 10,000 orders cost what 30 do.
 */
function QueueList({
  page,
  filterKey,
  onWindow,
  now,
  atRiskHours,
}: {
  page: OrderQueue | undefined;
  filterKey: string;
  onWindow: (window: { offset: number; limit: number }) => void;
  now: number;
  atRiskHours: number;
}) {
  const { t } = useTranslation('orders');
  const list = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    element.scrollTop = 0;
    setScrollTop(0);
  }, [filterKey]);
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const start = Math.max(0, first - OVERSCAN);
  const wanted = first + Math.ceil(viewport / ROW_HEIGHT) + OVERSCAN;
  const { offset, limit } = pageFor(start, wanted);
  useEffect(() => onWindow({ offset, limit }), [offset, limit, onWindow]);
  const total = page?.total ?? 0;
  const end = Math.min(total, wanted);
  const rows = [];
  for (let index = start; index < end; index += 1) {
    const row = page?.orders[index - page.offset];
    rows.push(
      row ? (
        <OrderRow key={row.id} row={row} index={index} now={now} atRiskHours={atRiskHours} />
      ) : (
        <div
          key={`loading-${index}`}
          role="row"
          className="orders-row orders-row--loading"
          style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
          aria-busy="true"
        />
      ),
    );
  }
  return (
    <>
      {page?.total === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div role="table" className="orders-table orders-list" aria-label={t('title')} aria-rowcount={total + 1}>
          <div role="row" className="orders-row orders-row--head" aria-rowindex={1}>
            <div role="columnheader">{t('col.packBy')}</div>
            <div role="columnheader">{t('col.order')}</div>
            <div role="columnheader">{t('col.carrier')}</div>
            <div role="columnheader">{t('col.service')}</div>
            <div role="columnheader">{t('col.items')}</div>
            <div role="columnheader">{t('col.shipTo')}</div>
            <div role="columnheader">{t('col.notes')}</div>
          </div>
          <div
            className="orders-scroll"
            ref={list}
            data-testid="orders-scroll"
            onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          >
            <div className="orders-rows" style={{ height: total * ROW_HEIGHT }}>
              {rows}
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function PullResult({ pull }: { pull: PullSummary | null }) {
  const { t, i18n } = useTranslation('orders');
  if (!pull) return <span>{t('neverPulled')}</span>;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(
    pull.finishedAt ?? pull.startedAt,
  );
  const result =
    pull.outcome === 'running'
      ? t('result.running')
      : pull.outcome === 'failed'
        ? t('result.failed', { message: pull.errorMessage ?? pull.errorCode })
        : t('result.ok', pull);
  return (
    <span data-testid="pull-result" data-outcome={pull.outcome}>
      {t('lastPull', { when })} ·{' '}
      <span className={pull.outcome === 'failed' ? 'message message--error' : ''}>{result}</span>
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
            <tr
              key={`${order.shopId}/${order.orderId}`}
              data-testid="unreadable-row"
              data-order-id={order.orderId}
              data-field={order.field}
            >
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
  const pull = useAction();
  const error = pull.outcome && !pull.outcome.ok ? pull.outcome.text : null;
  const [listed, setListed] = useState(pageFor(0, PAGE_STEP));
  const filter = { ...(carrier ? { carrier } : {}), ...(service ? { service } : {}) };
  const queue = useStationQuery('orders.queue', { ...filter, ...listed }, ['order.changed', 'pull.status']);
  const status = useStationQuery('marketplace.status', {}, ['pull.status']);
  const atRisk = useStationQuery('settings.list', {}, ['settings.changed']).data?.find(
    (s) => s.key === 'dashboard.atRiskHours',
  )?.value;

  const pullNow = () =>
    pull.run(async () => {
      try {
        await callStation('orders.pullNow', {});
      } finally {
        status.reload();
      }
    });

  const busy = pull.busy || status.data?.pulling === true;
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
        {queue.data && <span data-testid="orders-count">{t('count', { count: queue.data.total })}</span>}
      </div>
      <QueueList
        page={queue.data}
        filterKey={JSON.stringify(filter)}
        onWindow={setListed}
        now={now}
        atRiskHours={typeof atRisk === 'number' ? atRisk : 6}
      />
    </section>
  );
}
