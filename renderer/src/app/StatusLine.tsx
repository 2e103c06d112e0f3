import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../../shared/contract';
import { ParcelPhotoTaker } from '../features/camera/ParcelPhotoTaker';
import { SyncIndicator } from '../features/pickups/SyncIndicator';

export function StatusLine({
  status,
  error,
  onLock,
}: {
  status: StationStatus | undefined;
  error: string | null;
  onLock: () => void;
}) {
  const { t } = useTranslation();
  if (!status)
    return (
      <footer className="status-line status-line--error" role="status">
        {error ? `${t('status.offline')}: ${error}` : '…'}
      </footer>
    );
  return (
    <footer className="status-line" role="status" data-testid="status-line">
      <span>{t('status.station', { id: status.stationId })}</span>
      <span>{t('status.marketplace', { mode: t(`marketplace.${status.marketplace.mode}`) })}</span>
      <span data-testid="status-to-pack">{t('status.toPack', { count: status.counts.ordersToPack })}</span>
      <span>{t('status.held', { count: status.counts.ordersHeld })}</span>
      <SyncIndicator />
      <ParcelPhotoTaker />
      {status.user && (
        <span className="status-line__user">
          {t('status.user', { name: status.user.name, role: t(`role.${status.user.role}`) })}{' '}
          <button type="button" onClick={onLock}>
            {t('lock.lock')}
          </button>
        </span>
      )}
    </footer>
  );
}
