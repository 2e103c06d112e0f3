import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal panel: Escape closes it; while it is open the screen's scan capture is paused by its owner. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation('pack');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="pack-dialog-backdrop">
      <div className="pack-dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
        <button type="button" className="pack-dialog__close" onClick={onClose}>
          {t('dialog.close')}
        </button>
      </div>
    </div>
  );
}
