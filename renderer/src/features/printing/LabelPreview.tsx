import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** The label exactly as the station builds it for the printer, page by page; seller orders can take a scanned number here. */
export function LabelPreview({ orderId, sellerShipped }: { orderId: string; sellerShipped: boolean }) {
  const { t } = useTranslation('printing');
  const preview = useStationQuery('printing.preview', { orderId }, ['printing.job']);
  const [tracking, setTracking] = useState('');
  const { outcome: message, run } = useAction();
  const saveTracking = () =>
    run(async () => {
      const saved = await callStation('pack.setTracking', { orderId, trackingNumber: tracking });
      setTracking('');
      preview.reload();
      return t('labels.trackingSaved', { number: saved.trackingNumber ?? '', carrier: saved.carrier ?? '' });
    });
  return (
    <div className="label-preview" data-testid="label-preview">
      {sellerShipped && (
        <label>
          {t('labels.scanTracking')}
          <input
            aria-label={t('labels.tracking')}
            value={tracking}
            onChange={(e) => setTracking(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && tracking.trim()) saveTracking();
            }}
          />
        </label>
      )}
      {message && (
        <p role="status" className={`message ${message.ok ? 'message--ok' : 'message--error'}`}>
          {message.text}
        </p>
      )}
      {preview.error && <p className="message message--error">{preview.error}</p>}
      {preview.data && (
        <>
          <p>
            {t('labels.tracking')}: <strong>{preview.data.trackingNumber}</strong>{' '}
            {preview.data.trackingProvisional && <em>({t('labels.provisional')})</em>}
            {preview.data.customsForm && <> · {t('labels.customs', { form: preview.data.customsForm })}</>}
          </p>
          <div className="label-preview__pages">
            {preview.data.pages.map((svg, i) => (
              <img key={i} src={svgUrl(svg)} alt={t('labels.page', { n: i + 1 })} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
