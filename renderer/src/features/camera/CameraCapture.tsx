import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoInfo, PhotoPurpose } from '../../../../shared/contract/photos';
import { callStation } from '../../station/bridge';
import { errorText } from '../../i18n/errors';
import { CameraVideo } from './CameraVideo';
import { captureJpeg, useCamera } from './use-camera';

interface Props {
  purpose: PhotoPurpose;
  orderId?: string;
  manifestId?: number;
  onSaved?: (photo: PhotoInfo) => void;
}

/**
 * Takes a photo for an order or a manifest. A failed save (full disk) keeps the captured frame for Retry; without
 * a camera the packer can continue, and the reason is recorded instead of a photo.
 */
export function CameraCapture({ purpose, orderId, manifestId, onSaved }: Props) {
  const { t } = useTranslation('camera');
  const camera = useCamera();
  const video = useRef<HTMLVideoElement | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const subject = {
    ...(orderId !== undefined ? { orderId } : {}),
    ...(manifestId !== undefined ? { manifestId } : {}),
  };

  const save = async (jpegBase64: string) => {
    setBusy(true);
    setMessage({ kind: 'ok', text: t('saving') });
    try {
      const photo = await callStation('photos.save', { ...subject, purpose, jpegBase64 });
      setPending(null);
      setMessage({ kind: 'ok', text: t('saved', { size: Math.ceil(photo.size / 1024) }) });
      onSaved?.(photo);
    } catch (error) {
      setPending(jpegBase64);
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  const take = async () => {
    if (!video.current) return;
    await save(await captureJpeg(video.current));
  };
  const skip = async () => {
    if (camera.kind !== 'unavailable') return;
    const reason = t(camera.reason);
    // The audit keeps the browser's own words for a supervisor; the packer reads the reason alone.
    const recorded = camera.message ? `${reason}: ${camera.message}` : reason;
    try {
      await callStation('photos.skip', { ...subject, purpose, reason: recorded });
      setMessage({ kind: 'ok', text: t('skipped', { reason }) });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  return (
    <div className="camera-capture" data-testid={`camera-${purpose}`}>
      {camera.kind === 'starting' && <p>{t('starting')}</p>}
      {camera.kind === 'ready' && (
        <CameraVideo ref={video} stream={camera.stream} className="camera-capture__video" label={t('preview')} />
      )}
      {camera.kind === 'unavailable' && (
        <p className="message message--warn">{t('unavailable', { reason: t(camera.reason) })}</p>
      )}
      <div className="camera-capture__actions">
        {camera.kind === 'ready' && (
          <button type="button" disabled={busy} onClick={() => void take()}>
            {t('take')}
          </button>
        )}
        {pending && (
          <button type="button" disabled={busy} onClick={() => void save(pending)}>
            {t('retry')}
          </button>
        )}
        {camera.kind === 'unavailable' && (
          <button type="button" onClick={() => void skip()}>
            {t('skip')}
          </button>
        )}
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message message--${message.kind}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
