import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HoldReason } from '../../../../shared/domain/scan/commands';
import { Dialog } from './Dialog';

/** Hold reasons are chosen with keys 1-4 (or by scanning a reason barcode from the command sheet). */
export function HoldDialog({
  orderId,
  onHold,
  onClose,
}: {
  orderId: string;
  onHold: (reason: HoldReason, note: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('pack');
  const [note, setNote] = useState('');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement) return;
      const reason = HoldReason.options[Number(event.key) - 1];
      if (reason) {
        event.preventDefault();
        onHold(reason, note);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [note, onHold]);
  return (
    <Dialog title={t('hold.title', { orderId })} onClose={onClose}>
      <div className="pack-hold-reasons">
        {HoldReason.options.map((reason, index) => (
          <button key={reason} type="button" autoFocus={index === 0} onClick={() => onHold(reason, note)}>
            <kbd>{index + 1}</kbd> {t(`reason.${reason}`)}
          </button>
        ))}
      </div>
      <label className="pack-field">
        {t('hold.note')}
        <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      </label>
    </Dialog>
  );
}
