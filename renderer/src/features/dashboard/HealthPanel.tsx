import { useTranslation } from 'react-i18next';
import type { Health } from '../../../../shared/contract/dashboard';
import { useFormat } from '../../i18n/format';
import { CountButton } from './CountButton';
import type { OnDrill } from './drill';
import { keyFor } from '../../i18n/keys';
import { dashboardStrings } from './strings';

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
            <dt>{t('sync.backlog')}</dt>
            <dd>
              <CountButton
                value={data.sync.backlog}
                testId="health-backlog"
                onDrill={onDrill}
                request={{ filter: { kind: 'unsent' }, title: t('drill.unsent') }}
              />
            </dd>
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
            <dt>{t('sync.failed')}</dt>
            <dd>
              <CountButton
                value={data.sync.failed}
                tone={data.sync.failed > 0 ? 'overdue' : undefined}
                testId="health-failed"
                onDrill={onDrill}
                request={{ filter: { kind: 'failedWrites' }, title: t('drill.failedWrites') }}
              />
            </dd>
          </dl>
        </div>
        <div>
          <h3>{t('labels.title')}</h3>
          <dl>
            <dt>{t('labels.waiting')}</dt>
            <dd>
              <CountButton
                value={data.labels.waiting}
                tone={data.labels.waiting > 0 ? 'atRisk' : undefined}
                testId="health-labels-waiting"
                onDrill={onDrill}
                request={{ filter: { kind: 'labels', state: 'waiting' }, title: t('drill.labelsWaiting') }}
              />
              {data.labels.oldestWaitingAt !== null && (
                <small>
                  {' '}
                  · {t('labels.since', { duration: format.duration(data.at - data.labels.oldestWaitingAt) })}
                </small>
              )}
            </dd>
            <dt>{t('labels.scanTracking')}</dt>
            <dd>
              <CountButton
                value={data.labels.scanTracking}
                tone={data.labels.scanTracking > 0 ? 'atRisk' : undefined}
                testId="health-labels-scan"
                onDrill={onDrill}
                request={{ filter: { kind: 'labels', state: 'scanTracking' }, title: t('drill.labelsScan') }}
              />
            </dd>
            <dt>{t('labels.failed')}</dt>
            <dd>
              <CountButton
                value={data.labels.failed}
                tone={data.labels.failed > 0 ? 'overdue' : undefined}
                testId="health-labels-failed"
                onDrill={onDrill}
                request={{ filter: { kind: 'labels', state: 'failed' }, title: t('drill.labelsFailed') }}
              />
            </dd>
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
