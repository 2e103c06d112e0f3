import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';
import { BatchProgress } from './BatchProgress';
import { LabelPreview } from './LabelPreview';
import { jobErrorText, printerWaitText } from './job-words';

/** Packed orders waiting for labels: preview, print one or a batch (up to 500), reprint, and the recent jobs. */
export function LabelsPanel() {
  const { t } = useTranslation('printing');
  const printable = useStationQuery('printing.printable', {}, ['printing.job', 'order.changed', 'pack.changed']);
  const jobs = useStationQuery('printing.jobs', { limit: 15 }, ['printing.job']);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [previewOf, setPreviewOf] = useState<string | null>(null);
  const [batchId, setBatchId] = useState<number | null>(null);
  const { outcome, run } = useAction();
  const orders = printable.data ?? [];
  const packed = orders.filter((order) => order.stationState === 'packed');

  // Success shows in the jobs table and the batch's progress; only a refusal needs words here.
  const attempt = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
    });
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const printSelected = () =>
    attempt(async () => {
      const batch = await callStation('printing.batch.start', { orderIds: [...selected] });
      setBatchId(batch.id);
      setSelected(new Set());
    });
  const reprint = (orderId: string) => {
    const reason = window.prompt(t('labels.reprintReason'));
    if (reason) attempt(() => callStation('printing.reprint', { orderId, reason }));
  };
  const voidJob = (jobId: number) => {
    const reason = window.prompt(t('labels.voidReason'));
    if (reason) attempt(() => callStation('printing.void', { jobId, reason }));
  };

  return (
    <section className="printing-section" aria-labelledby="printing-labels">
      <h2 id="printing-labels">{t('section.labels')}</h2>
      {outcome && !outcome.ok && (
        <p role="alert" className="message message--error">
          {outcome.text}
        </p>
      )}
      {batchId !== null && <BatchProgress batchId={batchId} />}
      <h3>{t('labels.printable')}</h3>
      {orders.length === 0 ? (
        <p>{t('labels.none')}</p>
      ) : (
        <>
          <div className="printing-actions">
            <button type="button" onClick={() => setSelected(new Set(packed.slice(0, 500).map((order) => order.id)))}>
              {t('labels.selectAll')}
            </button>
            <button type="button" disabled={selected.size === 0} onClick={printSelected}>
              {t('labels.printSelected', { count: selected.size })}
            </button>
          </div>
          <table className="printing-table" data-testid="printable-orders">
            <thead>
              <tr>
                <th>{t('labels.select')}</th>
                <th>{t('labels.order')}</th>
                <th>{t('labels.recipient')}</th>
                <th>{t('labels.carrier')}</th>
                <th>{t('labels.tracking')}</th>
                <th>{t('labels.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('labels.select')} ${order.id}`}
                      disabled={order.stationState !== 'packed'}
                      checked={selected.has(order.id)}
                      onChange={() => toggle(order.id)}
                    />
                  </td>
                  <td>{order.id}</td>
                  <td>
                    {order.recipientName} ({order.countryCode})
                  </td>
                  <td>{order.carrier ?? '—'}</td>
                  <td>{order.trackingNumber ?? '—'}</td>
                  <td>{order.stationState}</td>
                  <td className="printing-actions">
                    <button type="button" onClick={() => setPreviewOf(previewOf === order.id ? null : order.id)}>
                      {t('labels.preview')}
                    </button>
                    {order.stationState === 'packed' ? (
                      <button
                        type="button"
                        aria-label={`${t('labels.print')} ${order.id}`}
                        onClick={() => attempt(() => callStation('printing.print', { orderId: order.id }))}
                      >
                        {t('labels.print')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => reprint(order.id)}>
                        {t('labels.reprint')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {previewOf && (
        <LabelPreview
          orderId={previewOf}
          sellerShipped={orders.find((order) => order.id === previewOf)?.shippingType === 'SELLER'}
        />
      )}
      <h3>{t('labels.jobs')}</h3>
      <table className="printing-table" data-testid="print-jobs">
        <thead>
          <tr>
            <th>{t('labels.job')}</th>
            <th>{t('labels.order')}</th>
            <th>{t('labels.state')}</th>
            <th>{t('labels.tracking')}</th>
            <th>{t('labels.reason')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.data?.map((job) => (
            <tr key={job.id}>
              <td>
                {job.id} {job.kind !== 'label' && <em>({job.kind})</em>}
              </td>
              <td>{job.orderId ?? '—'}</td>
              <td>{t(`job.state.${job.state}`)}</td>
              <td>{job.trackingNumber ?? '—'}</td>
              <td>{job.waitingCode ? printerWaitText(job.waitingCode) : job.error ? jobErrorText(job.error) : ''}</td>
              <td>
                {job.state === 'queued' && (
                  <button
                    type="button"
                    onClick={() => attempt(() => callStation('printing.cancel', { jobId: job.id }))}
                  >
                    {t('labels.cancel')}
                  </button>
                )}
                {job.state === 'done' && (job.kind === 'label' || job.kind === 'reprint') && (
                  <button type="button" onClick={() => voidJob(job.id)}>
                    {t('labels.void')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
