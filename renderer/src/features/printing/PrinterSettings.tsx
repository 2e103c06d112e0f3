import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';
import { useIsSupervisor, usePrintingStatus } from './usePrintingStatus';
import { printerWaitText } from './job-words';

const LANGUAGES = ['zpl', 'tspl', 'escpos', 'pdf'] as const;

/** Which printers this desk uses (saved per station), what the queue is waiting for, and a test label. */
export function PrinterSettings() {
  const { t } = useTranslation('printing');
  // The built-in virtual printer is named in the packer's language; a real printer by its address.
  const candidateName = (candidate: { kind: string; describe: string }) =>
    candidate.kind === 'virtual' ? t('printer.virtual') : candidate.describe;
  const status = usePrintingStatus();
  const candidates = useStationQuery('printing.candidates', {}, ['printing.virtual']);
  const supervisor = useIsSupervisor();
  const [form, setForm] = useState({ uri: '', language: 'zpl', dpi: '203', size: '4x6', documentPrinter: '' });
  const { outcome: message, run } = useAction();
  const current = status.data;

  // The form follows what the station has (a save, PACKBENCH_PRINTER), not every status reload.
  const saved = current
    ? [
        current.labelPrinter.uri,
        current.labelPrinter.language,
        current.labelPrinter.dpi,
        current.labelPrinter.size,
        current.documentPrinter,
      ].join('|')
    : '';
  useEffect(() => {
    const [uri = '', language = 'zpl', dpi = '203', size = '4x6', documentPrinter = ''] = saved.split('|');
    if (saved) setForm({ uri, language, dpi, size, documentPrinter });
  }, [saved]);

  const save = () =>
    run(async () => {
      const fromEnv = current?.labelPrinter.source === 'env';
      if (!fromEnv) await callStation('settings.update', { key: 'printing.labelPrinter', value: form.uri });
      await callStation('settings.update', { key: 'printing.labelLanguage', value: form.language });
      await callStation('settings.update', { key: 'printing.dpi', value: Number(form.dpi) });
      await callStation('settings.update', { key: 'printing.labelSize', value: form.size });
      await callStation('settings.update', { key: 'printing.documentPrinter', value: form.documentPrinter });
      return t('printer.saved');
    });
  const test = (printer: 'label' | 'document') =>
    run(async () => t('printer.testQueued', { id: (await callStation('printing.test', { printer })).id }));
  const toggleAuto = () =>
    run(
      async () => (await callStation('settings.update', { key: 'printing.autoPrint', value: !current?.autoPrint })).key,
    );

  return (
    <section className="printing-section" aria-labelledby="printing-printers">
      <h2 id="printing-printers">{t('section.printers')}</h2>
      {current?.queue.waitingCode ? (
        <p role="alert" className="message message--warn">
          {t('queue.waiting', { reason: printerWaitText(current.queue.waitingCode) })}
        </p>
      ) : (
        current && <p>{t('queue.idle', { queued: current.queue.queued, failed: current.queue.failed })}</p>
      )}
      {status.error && <p role="alert">{status.error}</p>}
      <div className="printing-form">
        <label>
          {t('printer.label')}
          <input
            list="printer-candidates"
            value={form.uri}
            disabled={!supervisor || current?.labelPrinter.source === 'env'}
            onChange={(e) => setForm({ ...form, uri: e.target.value })}
          />
        </label>
        <datalist id="printer-candidates">
          {candidates.data?.map((candidate) => (
            <option key={candidate.uri} value={candidate.uri}>
              {candidateName(candidate)}
            </option>
          ))}
        </datalist>
        {current?.labelPrinter.source === 'env' && <span className="message">{t('printer.fromEnv')}</span>}
        <label>
          {t('printer.language')}
          <select
            value={form.language}
            disabled={!supervisor}
            onChange={(e) => setForm({ ...form, language: e.target.value })}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('printer.dpi')}
          <select value={form.dpi} disabled={!supervisor} onChange={(e) => setForm({ ...form, dpi: e.target.value })}>
            <option value="203">203 dpi</option>
            <option value="300">300 dpi</option>
          </select>
        </label>
        <label>
          {t('printer.size')}
          <select value={form.size} disabled={!supervisor} onChange={(e) => setForm({ ...form, size: e.target.value })}>
            <option value="4x6">{t('printer.size4x6')}</option>
            <option value="100x150">100 × 150 mm</option>
          </select>
        </label>
        <label>
          {t('printer.document')}
          <input
            list="printer-candidates"
            value={form.documentPrinter}
            disabled={!supervisor}
            onChange={(e) => setForm({ ...form, documentPrinter: e.target.value })}
          />
        </label>
      </div>
      <p>
        {t('printer.candidates')}: {candidates.data?.map(candidateName).join(', ') || t('printer.none')}
      </p>
      <label className="printing-check">
        <input type="checkbox" checked={current?.autoPrint ?? false} disabled={!supervisor} onChange={toggleAuto} />{' '}
        {t('printer.autoPrint')}
      </label>
      <div className="printing-actions">
        <button type="button" disabled={!supervisor} onClick={save}>
          {t('printer.save')}
        </button>
        <button type="button" onClick={() => test('label')}>
          {t('printer.test')}
        </button>
        <button type="button" disabled={!current?.documentPrinter} onClick={() => test('document')}>
          {t('printer.testDocument')}
        </button>
      </div>
      {!supervisor && <p className="message">{t('supervisorOnly')}</p>}
      {message && (
        <p role="status" className={`message ${message.ok ? 'message--ok' : 'message--error'}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
