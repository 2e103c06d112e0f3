import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncAlert, SyncStatus } from '../../../../shared/contract/sync';
import { callStation } from '../../station/bridge';
import { useStationEvent, useStationQuery } from '../../station/hooks';

function useAge(): (since: number) => string {
  const { t } = useTranslation('pickups');
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (since) => {
    const seconds = Math.max(0, Math.round((now - since) / 1000));
    if (seconds < 120) return t('age.seconds', { count: seconds });
    if (seconds < 7_200) return t('age.minutes', { count: Math.round(seconds / 60) });
    return t('age.hours', { count: Math.round(seconds / 3600) });
  };
}

/** Online / offline / syncing, the backlog and the age of the oldest unsent write, in the status line on every screen. */
export function SyncIndicator() {
  const { t } = useTranslation('pickups');
  const query = useStationQuery('sync.status', {}, ['sync.changed']);
  const [live, setLive] = useState<SyncStatus | null>(null);
  const [alert, setAlert] = useState<SyncAlert | null>(null);
  useStationEvent(['sync.status'], (status) => setLive(status));
  useStationEvent(['sync.alert'], (payload) => setAlert(payload));
  const age = useAge();
  const status = live && (!query.data || live.time >= query.data.time) ? live : query.data;
  if (!status) return null;
  return (
    <span
      className={`sync-indicator sync-indicator--${status.state}`}
      data-testid="sync-status"
      data-state={status.state}
      data-backlog={status.backlog}
    >
      <strong>● {t(`sync.${status.state}`)}</strong> {t('sync.backlog', { count: status.backlog })}
      {/* An age only belongs to writes still waiting: nothing queued has no oldest. */}
      {status.backlog > 0 && status.oldestUnsentAt !== null && (
        <> · {t('sync.oldest', { age: age(status.oldestUnsentAt) })}</>
      )}
      {status.failed > 0 && <span className="message--error"> · {t('sync.failed', { count: status.failed })}</span>}
      {status.backlog > 0 && (
        <button type="button" className="sync-indicator__now" onClick={() => void callStation('sync.now', {})}>
          {t('sync.now')}
        </button>
      )}
      {status.reconnectRequired && (
        <span role="alert" className="message--error" data-testid="sync-reconnect">
          {' '}
          {t('sync.reconnect')}
        </span>
      )}
      {alert && (
        <span role="alert" className="message--error">
          {' '}
          {t('sync.alert', { kind: alert.kind, orderId: alert.orderId, message: alert.message })}
        </span>
      )}
    </span>
  );
}
