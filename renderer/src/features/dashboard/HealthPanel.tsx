import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../../../shared/contract/dashboard';
import { useFormat } from '../../i18n/format';
import { CountButton } from './CountButton';
import type { DrillRequest, OnDrill } from './drill';
import { keyFor } from '../../i18n/keys';
import { dashboardStrings } from './strings';

/** A count under its name, opening the orders behind it; only a count above zero takes the tone, zero is calm. */
function CountRow({
  label,
  value,
  tone,
  testId,
  request,
  onDrill,
  children,
}: {
  label: string;
  value: number;
  tone?: 'atRisk' | 'overdue';
  testId: string;
  request: DrillRequest;
  onDrill: OnDrill;
  children?: ReactNode;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <CountButton
          value={value}
          tone={value > 0 ? tone : undefined}
          testId={testId}
          onDrill={onDrill}
          request={request}
        />
        {children}
      </dd>
    </>
  );
}

/** The label counts, each listing the orders whose label is in that state. */
const LABEL_ROWS = [
  { state: 'waiting', tone: 'atRisk', testId: 'health-labels-waiting', title: 'drill.labelsWaiting' },
  { state: 'scanTracking', tone: 'atRisk', testId: 'health-labels-scan', title: 'drill.labelsScan' },
  { state: 'failed', tone: 'overdue', testId: 'health-labels-failed', title: 'drill.labelsFailed' },
] as const;

export function HealthPanel({ data, onDrill }: { data: Health; onDrill: OnDrill }) {
  const { t } = useTranslation('dashboard');
  // A method this UI has no word for is shown as TikTok names it.
  const methodText = (method: string | null) => {
    const key = keyFor(dashboardStrings.en, 'method.', method);
    return key ? t(key) : (method ?? '');
  };
  const format = useFormat();
  return (
    <section className="dashboard-panel dashboard-panel--health">
      <h2>{t('health.title')}</h2>
      <div className="health-grid">
        <div>
          <h3>{t('sync.title')}</h3>
          <dl>
            <CountRow
              label={t('sync.backlog')}
              value={data.sync.backlog}
              testId="health-backlog"
              onDrill={onDrill}
              request={{ filter: { kind: 'unsent' }, title: t('drill.unsent') }}
            />
            <dt>{t('sync.oldest')}</dt>
            <dd data-testid="health-oldest">
              {data.sync.oldestUnsentAt === null ? (
                t('none')
              ) : (
                <button
                  type="button"
                  className="count"
                  onClick={() => onDrill({ filter: { kind: 'unsent' }, title: t('drill.unsent') })}
                >
                  {format.dateTime(data.sync.oldestUnsentAt)} ({format.duration(data.at - data.sync.oldestUnsentAt)})
                </button>
              )}
            </dd>
            <CountRow
              label={t('sync.failed')}
              value={data.sync.failed}
              tone="overdue"
              testId="health-failed"
              onDrill={onDrill}
              request={{ filter: { kind: 'failedWrites' }, title: t('drill.failedWrites') }}
            />
          </dl>
        </div>
        <div>
          <h3>{t('labels.title')}</h3>
          <dl>
            {LABEL_ROWS.map((row) => (
              <CountRow
                key={row.state}
                label={t(`labels.${row.state}`)}
                value={data.labels[row.state]}
                tone={row.tone}
                testId={row.testId}
                onDrill={onDrill}
                request={{ filter: { kind: 'labels', state: row.state }, title: t(row.title) }}
              >
                {row.state === 'waiting' && data.labels.oldestWaitingAt !== null && (
                  <small>
                    {' '}
                    · {t('labels.since', { duration: format.duration(data.at - data.labels.oldestWaitingAt) })}
                  </small>
                )}
              </CountRow>
            ))}
          </dl>
        </div>
        <div>
          <h3>{t('printers.title')}</h3>
          {data.printers.printers.length === 0 ? (
            <p className="muted">{t('printers.none')}</p>
          ) : (
            <ul className="plain printers">
              {data.printers.printers.map((printer) => (
                <li key={printer.id} className={`printer printer--${printer.state}`}>
                  <code translate="no">{printer.name}</code> <strong>{t(`printerState.${printer.state}`)}</strong>
                  {printer.queued > 0 && <span> · {t('printers.queued', { count: printer.queued })}</span>}
                  {printer.detail && (
                    <span className="muted" translate="no">
                      {' '}
                      · {printer.detail}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('pickups.title')}</h3>
          {data.pickups.pickups.length === 0 ? (
            <p className="muted">{t('pickups.none')}</p>
          ) : (
            <table>
              <tbody>
                {data.pickups.pickups.map((pickup) => (
                  <tr key={pickup.id}>
                    <th scope="row">
                      <span translate="no">{pickup.carrier}</span> · {methodText(pickup.method)} ·{' '}
                      {t(`pickupState.${pickup.state}`, { defaultValue: pickup.state })}
                      <br />
                      <small>
                        {pickup.slotStart !== null && pickup.slotEnd !== null
                          ? `${format.time(pickup.slotStart)}–${format.time(pickup.slotEnd)}`
                          : t('pickups.noWindow')}
                      </small>
                    </th>
                    <td>
                      {t('pickups.parcels')}{' '}
                      <CountButton
                        value={pickup.parcels}
                        onDrill={onDrill}
                        request={{
                          filter: { kind: 'pickupParcels', pickupId: pickup.id },
                          title: t('drill.pickupParcels', { carrier: pickup.carrier }),
                        }}
                      />
                    </td>
                    <td>
                      {t('pickups.missing')}{' '}
                      <CountButton
                        value={pickup.missing}
                        tone={pickup.missing > 0 ? 'atRisk' : undefined}
                        onDrill={onDrill}
                        request={{
                          filter: { kind: 'pickupMissing', pickupId: pickup.id },
                          title: t('drill.pickupMissing', { carrier: pickup.carrier }),
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
