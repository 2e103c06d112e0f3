import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { usePrintingStatus } from './usePrintingStatus';

function PrintedLabel({ id }: { id: number }) {
  const [png, setPng] = useState<string | null>(null);
  useEffect(() => {
    void callStation('printing.virtual.image', { id, page: 0 }).then(
      (image) => setPng(image.png),
      () => setPng(null),
    );
  }, [id]);
  return png ? <img className="virtual-print__image" src={png} alt={`print ${id}`} /> : null;
}

/** The built-in printer: on/off and paper like a real one, and every label it printed as a picture and as text. */
export function VirtualPrinterPanel() {
  const { t } = useTranslation('printing');
  const status = usePrintingStatus();
  const prints = useStationQuery('printing.virtual.prints', { limit: 6 }, ['printing.virtual']);
  const virtual = status.data?.virtualPrinter;
  const power = (on: boolean) => void callStation('printing.virtual.power', { on });
  const paper = (paperOut: boolean) => void callStation('printing.virtual.paper', { paperOut });
  return (
    <section className="printing-section" aria-labelledby="printing-virtual">
      <h2 id="printing-virtual">{t('section.virtual')}</h2>
      {virtual && (
        <p data-testid="virtual-printer-state">
          {virtual.running ? t('virtual.running', { port: virtual.port }) : t('virtual.off')}
          {virtual.paperOut && <strong> · {t('virtual.paperOut')}</strong>}
        </p>
      )}
      <div className="printing-actions">
        <button type="button" onClick={() => power(!virtual?.running)}>
          {virtual?.running ? t('virtual.switchOff') : t('virtual.on')}
        </button>
        <button type="button" onClick={() => paper(!virtual?.paperOut)}>
          {virtual?.paperOut ? t('virtual.loadPaper') : t('virtual.emptyPaper')}
        </button>
      </div>
      {prints.data?.length === 0 && <p>{t('virtual.none')}</p>}
      <div className="virtual-prints">
        {prints.data?.map((print) => (
          <figure key={print.id} className="virtual-print" data-testid="virtual-print">
            <PrintedLabel id={print.id} />
            <figcaption>
              <p>
                #{print.id} · {new Date(print.at).toLocaleTimeString()} ·{' '}
                {t('virtual.received', {
                  language: print.language.toUpperCase(),
                  bytes: print.byteCount,
                  pages: print.pages,
                })}
              </p>
              <details>
                <summary>{t('virtual.text')}</summary>
                <pre>{print.text.join('\n')}</pre>
                <p>
                  {t('virtual.barcodes')}: {print.barcodes.join(', ')}
                </p>
              </details>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
