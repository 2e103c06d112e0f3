import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';
import { useIsSupervisor } from './usePrintingStatus';

const FORMATS = [
  'upu-s10',
  'ups-1z',
  'fedex-express-12',
  'fedex-ground-15',
  'fedex-ground-96',
  'usps-impb',
  'dhl-express-10',
] as const;

/** Tracking-number blocks the carriers gave the seller; labels of seller-shipped orders take their numbers from here. */
export function TrackingRanges() {
  const { t } = useTranslation('printing');
  const ranges = useStationQuery('printing.ranges', {}, ['printing.job']);
  const supervisor = useIsSupervisor();
  const [form, setForm] = useState({
    carrier: 'EMS',
    formatId: 'upu-s10',
    prefix: 'EE',
    suffix: 'CN',
    serialWidth: '8',
    first: '0',
    last: '99999999',
    shippingProviderId: '',
  });
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const add = () =>
    run(async () => {
      await callStation('printing.addRange', {
        ...form,
        serialWidth: Number(form.serialWidth),
        first: Number(form.first),
        last: Number(form.last),
      });
      ranges.reload();
    });
  const field = (key: keyof typeof form, label: string) => (
    <label>
      {label}
      <input value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section className="printing-section" aria-labelledby="printing-ranges">
      <h2 id="printing-ranges">{t('section.ranges')}</h2>
      {ranges.data?.length === 0 && <p>{t('ranges.none')}</p>}
      {ranges.data && ranges.data.length > 0 && (
        <table className="printing-table">
          <thead>
            <tr>
              <th>{t('ranges.carrier')}</th>
              <th>{t('ranges.format')}</th>
              <th>{t('ranges.first')}</th>
              <th>{t('ranges.last')}</th>
              <th>{t('ranges.next')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {ranges.data.map((range) => (
              <tr key={range.id}>
                <td>{range.carrier}</td>
                <td translate="no">{range.formatId}</td>
                <td>{range.first}</td>
                <td>{range.last}</td>
                <td>{range.active ? (range.nextNumber ?? '—') : '—'}</td>
                <td>
                  {supervisor && range.active && (
                    <button
                      type="button"
                      onClick={() => void callStation('printing.disableRange', { id: range.id }).then(ranges.reload)}
                    >
                      {t('ranges.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {supervisor && (
        <div className="printing-form">
          {field('carrier', t('ranges.carrier'))}
          <label>
            {t('ranges.format')}
            <select value={form.formatId} onChange={(e) => setForm({ ...form, formatId: e.target.value })}>
              {FORMATS.map((format) => (
                <option key={format} value={format} translate="no">
                  {format}
                </option>
              ))}
            </select>
          </label>
          {field('prefix', t('ranges.prefix'))}
          {field('suffix', t('ranges.suffix'))}
          {field('serialWidth', t('ranges.width'))}
          {field('first', t('ranges.first'))}
          {field('last', t('ranges.last'))}
          {field('shippingProviderId', t('ranges.provider'))}
          <button type="button" onClick={add}>
            {t('ranges.add')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="message message--error">
          {error}
        </p>
      )}
    </section>
  );
}
