import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { jobErrorText, printerWaitText } from './job-words';

/** One batch: a progress bar, pause / resume / cancel, why it waits, and the orders it could not print. */
export function BatchProgress({ batchId }: { batchId: number }) {
  const { t } = useTranslation('printing');
  const batch = useStationQuery('printing.batch.status', { batchId }, ['printing.job', 'printing.batch']);
  const data = batch.data;
  if (!data) return batch.error ? <p role="alert">{batch.error}</p> : null;
  const finished = data.done + data.failed + data.cancelled;
  const act = (call: 'printing.batch.pause' | 'printing.batch.resume' | 'printing.batch.cancel') =>
    void callStation(call, { batchId }).then(batch.reload);
  const open = data.state === 'running' || data.state === 'paused';
  return (
    <div className="batch" data-testid="batch-progress">
      <h3>
        {t('batch.title', { id: data.id })} · {t(`batch.state.${data.state}`)}
      </h3>
      <progress max={data.total} value={finished} aria-label={t('batch.title', { id: data.id })} />
      <p>{t('batch.progress', { done: data.done, total: data.total, failed: data.failed, pending: data.pending })}</p>
      {data.waitingCode && (
        <p role="alert" className="message message--warn">
          {t('queue.waiting', { reason: printerWaitText(data.waitingCode) })}
        </p>
      )}
      {open && (
        <div className="printing-actions">
          {data.state === 'running' ? (
            <button type="button" onClick={() => act('printing.batch.pause')}>
              {t('batch.pause')}
            </button>
          ) : (
            <button type="button" onClick={() => act('printing.batch.resume')}>
              {t('batch.resume')}
            </button>
          )}
          <button type="button" onClick={() => act('printing.batch.cancel')}>
            {t('batch.cancel')}
          </button>
        </div>
      )}
      {data.failures.length > 0 && (
        <>
          <h4>{t('batch.failures')}</h4>
          <ul className="batch__failures">
            {data.failures.map((failure) => (
              <li key={failure.jobId}>
                <strong>{failure.orderId ?? '—'}</strong>: {jobErrorText(failure.error)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
