import JsBarcode from 'jsbarcode';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_BARCODES, type CommandBarcode } from '../../../../shared/domain/scan/commands';
import { Dialog } from './Dialog';

function CommandBar({ entry }: { entry: CommandBarcode }) {
  const { t } = useTranslation('pack');
  const svg = useRef<SVGSVGElement>(null);
  // Margin 22 px at 2 px a bar: the 10-module quiet zone Code 128 needs on either side, kept when the code scales to its card.
  useEffect(() => {
    if (svg.current)
      JsBarcode(svg.current, entry.code, {
        format: 'CODE128',
        height: 60,
        width: 2,
        displayValue: true,
        fontSize: 14,
        margin: 22,
      });
  }, [entry.code]);
  const label =
    entry.command.name === 'HOLD' && entry.command.reason
      ? t(`command.HOLD.${entry.command.reason}`)
      : t(`command.${entry.command.name}`);
  return (
    <figure className="pack-command">
      <figcaption>{label}</figcaption>
      <svg ref={svg} aria-label={entry.code} />
    </figure>
  );
}

/** The printable sheet of command barcodes: printed on paper, a packer never needs the mouse or the keyboard. */
export function CommandSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('pack');
  return (
    <Dialog title={t('sheet.title')} onClose={onClose}>
      <div className="pack-command-sheet" data-testid="command-sheet">
        <p>{t('sheet.hint')}</p>
        <div className="pack-command-grid">
          {COMMAND_BARCODES.map((entry) => (
            <CommandBar key={entry.code} entry={entry} />
          ))}
        </div>
        <button type="button" className="pack-command-sheet__print" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
      </div>
    </Dialog>
  );
}
