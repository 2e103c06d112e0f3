import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period } from '../../../../shared/contract/dashboard';
import { useFormat } from '../../i18n/format';
import { useStationQuery } from '../../station/hooks';
import { AuditScreen } from '../audit/AuditScreen';
import { BucketsPanel } from './BucketsPanel';
import { DrillDownDialog } from './DrillDownDialog';
import type { DrillRequest } from './drill';
import { HealthPanel } from './HealthPanel';
import { ThroughputPanel } from './ThroughputPanel';
import { useLiveQuery } from './use-live-query';
import './dashboard.css';

/**
 * The supervisor's view (F4): what is overdue or about to be, how fast the floor packs, what is stuck. Read-only
 * when served to the LAN, and a big-screen mode for a wall display.
 */
export function DashboardScreen({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useTranslation('dashboard');
  const format = useFormat();
  const [period, setPeriod] = useState<Period>('today');
  const [big, setBig] = useState(false);
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const [auditOpen, setAuditOpen] = useState(false);
  const status = useStationQuery('station.status', {}, ['station.status']);
  const buckets = useLiveQuery('dashboard.buckets', {});
  const throughput = useLiveQuery('dashboard.throughput', { period });
  const health = useLiveQuery('dashboard.health', {});
  const supervisor = !readOnly && status.data?.user?.role === 'supervisor';

  useEffect(() => {
    if (!big) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !drill) setBig(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [big, drill]);

  if (auditOpen) return <AuditScreen onBack={() => setAuditOpen(false)} />;
  const error = buckets.error ?? throughput.error ?? health.error;
  return (
    <section className={`screen dashboard${big ? ' dashboard--big' : ''}`} data-testid="dashboard">
      <header className="dashboard-header">
        <h1>{t('title')}</h1>
        {readOnly && <span className="badge">{t('readOnly')}</span>}
        <div className="toggle" role="group">
          {(['today', 'week'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={period === option} onClick={() => setPeriod(option)}>
              {t(`period.${option}`)}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => setBig(!big)}>
          {big ? t('exitBigScreen') : t('bigScreen')}
        </button>
        {supervisor && (
          <button type="button" onClick={() => setAuditOpen(true)}>
            {t('audit')}
          </button>
        )}
        {buckets.data && <small className="muted">{t('updated', { time: format.time(buckets.data.at) })}</small>}
      </header>
      {error && <p role="alert">{t('loadFailed', { message: error })}</p>}
      {buckets.data && <BucketsPanel data={buckets.data} onDrill={setDrill} />}
      {throughput.data && <ThroughputPanel data={throughput.data} period={period} onDrill={setDrill} />}
      {health.data && <HealthPanel data={health.data} onDrill={setDrill} />}
      {drill && <DrillDownDialog request={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}
