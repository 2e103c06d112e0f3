import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useStationEvent, useStationQuery } from '../../station/hooks';
import { CameraVideo } from './CameraVideo';
import { captureJpeg, useCamera } from './use-camera';
import { errorText } from '../../i18n/errors';

type Last =
  | { kind: 'photo'; orderId: string }
  | { kind: 'miss'; orderId: string; reason: string }
  | { kind: 'error'; orderId: string; message: string };

/**
 * Lives in the status line, so it is there whatever screen is open: when the station reports a packed order
 * (pack.completed) it photographs the parcel, or records why it could not. It never holds packing up.
 * Also where the desk camera is chosen.
 */
export function ParcelPhotoTaker() {
  const { t } = useTranslation('camera');
  const camera = useCamera();
  const video = useRef<HTMLVideoElement | null>(null);
  const [last, setLast] = useState<Last | null>(null);
  const cameraRef = useRef(camera);
  cameraRef.current = camera;

  useStationEvent(['pack.completed'], ({ orderId }) => {
    const current = cameraRef.current;
    const take = async () => {
      if (current.kind === 'ready' && video.current) {
        await callStation('photos.save', { purpose: 'pack', orderId, jpegBase64: await captureJpeg(video.current) });
        setLast({ kind: 'photo', orderId });
        return;
      }
      const reason = current.kind === 'unavailable' ? t(current.reason) : t('starting');
      // The audit keeps the browser's own words for a supervisor; the packer reads the reason alone.
      const recorded = current.kind === 'unavailable' && current.message ? `${reason}: ${current.message}` : reason;
      await callStation('photos.skip', { purpose: 'pack', orderId, reason: recorded });
      setLast({ kind: 'miss', orderId, reason });
    };
    take().catch((error: unknown) => setLast({ kind: 'error', orderId, message: errorText(error) }));
  });

  // The next order on the bench makes the last parcel's photo message old news: the line says the camera's state again.
  useStationEvent(['pack.changed'], ({ orderId, stationState }) => {
    if (stationState === 'packing') setLast((previous) => (previous && previous.orderId !== orderId ? null : previous));
  });

  const text =
    last?.kind === 'photo'
      ? t('status.lastPhoto', { orderId: last.orderId })
      : last?.kind === 'miss'
        ? t('status.lastMiss', { orderId: last.orderId, reason: last.reason })
        : last?.kind === 'error'
          ? `${last.orderId}: ${last.message}`
          : camera.kind === 'ready'
            ? t('status.ready')
            : camera.kind === 'unavailable'
              ? t('unavailable', { reason: t(camera.reason) })
              : t('starting');

  return (
    <details className="parcel-photo">
      <summary
        data-testid="parcel-photo-status"
        data-camera={camera.kind}
        className={last?.kind === 'error' ? 'message--error' : undefined}
      >
        {camera.kind === 'ready' && (
          <CameraVideo ref={video} stream={camera.stream} className="parcel-photo__thumb" label={t('preview')} />
        )}
        {text}
      </summary>
      <CameraPicker />
    </details>
  );
}

function CameraPicker() {
  const { t } = useTranslation('camera');
  const current =
    useStationQuery('settings.list', {}, ['settings.changed']).data?.find((s) => s.key === 'camera.deviceId')?.value ??
    '';
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [choice, setChoice] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    navigator.mediaDevices?.enumerateDevices().then(
      (all) => setDevices(all.filter((d) => d.kind === 'videoinput')),
      () => setDevices([]),
    );
  }, []);
  const save = () =>
    callStation('settings.update', { key: 'camera.deviceId', value: choice }).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );
  return (
    <div className="parcel-photo__picker">
      <label>
        {t('device')}{' '}
        <select value={choice} onChange={(event) => setChoice(event.target.value)}>
          <option value="">{t('device.default')}</option>
          {devices.map((device, i) => (
            <option key={device.deviceId || i} value={device.deviceId}>
              {device.label || `${t('device')} ${i + 1}`}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={() => void save()}>
        {t('device.save')}
      </button>
      {error && <span className="message message--error">{error}</span>}
    </div>
  );
}
