import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderBrief } from '../../../../shared/contract/dashboard';
import { useFormat, type Format } from '../../i18n/format';
import { useStationQuery } from '../../station/hooks';
import type { DrillRequest } from './drill';

function Deadline({ at, now, format }: { at: number | null; now: number; format: Format }) {
  const { t } = useTranslation('dashboard');
  if (at === null) return <>—</>;
  const left = at - now;
  return (
    <>
      {format.dateTime(at)}
      <br />
      <small className={left < 0 ? 'message--error' : undefined}>
        {t(left < 0 ? 'overdueBy' : 'left', { time: format.duration(left) })}
      </small>
    </>
  );
}

/** The orders behind a number, most urgent first. */
export function DrillDownDialog({ request, onClose }: { request: DrillRequest; onClose: () => void }) {
  const { t } = useTranslation('dashboard');
  const format = useFormat();
  const result = useStationQuery('dashboard.orders', { filter: request.filter, limit: 200 }, [
    'order.changed',
    'pack.completed',
  ]);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const now = Date.now();
  const row = (order: OrderBrief) => (
    <tr key={order.id}>
      <td translate="no">
        <code>{order.id}</code>
      </td>
      <td>{t(`state.${order.stationState}`)}</td>
      <td translate="no">{order.carrier ?? '—'}</td>
      <td>{t(`service.${order.service}`)}</td>
      <td>{order.paidAt === null ? '—' : format.dateTime(order.paidAt)}</td>
      <td>
        <Deadline at={order.packedAt === null ? order.packBy : null} now={now} format={format} />
      </td>
      <td>
        <Deadline at={order.handoverBy} now={now} format={format} />
      </td>
      <td>{order.packedAt === null ? '—' : format.dateTime(order.packedAt)}</td>
      <td translate="no">{order.packedBy ?? ''}</td>
      <td>{order.holdReason ? t(`holdReason.${order.holdReason}`, { defaultValue: order.holdReason }) : ''}</td>
    </tr>
  );
  return (
    <dialog ref={ref} className="drill-down" aria-labelledby="drill-title" onClose={onClose} data-testid="drill-down">
      <header>
        <h2 id="drill-title">{request.title}</h2>
        <button type="button" onClick={onClose} autoFocus>
          {t('close')}
        </button>
      </header>
      {result.error && <p role="alert">{t('loadFailed', { message: result.error })}</p>}
      {result.data && (
        <>
          <p data-testid="drill-count">
            {t('drill.count', { count: result.data.total })}
            {result.data.total > result.data.orders.length &&
              ` · ${t('drill.partial', { shown: result.data.orders.length, total: result.data.total })}`}
          </p>
          {result.data.orders.length === 0 ? (
            <p className="muted">{t('drill.empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  {(
                    [
                      'order',
                      'state',
                      'carrier',
                      'service',
                      'paid',
                      'packBy',
                      'handoverBy',
                      'packedAt',
                      'packedBy',
                      'hold',
                    ] as const
                  ).map((col) => (
                    <th key={col} scope="col">
                      {t(`col.${col}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{result.data.orders.map(row)}</tbody>
            </table>
          )}
        </>
      )}
    </dialog>
  );
}
