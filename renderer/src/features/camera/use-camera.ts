import { useEffect, useRef, useState } from 'react';
import { useStationQuery } from '../../station/hooks';

/** Why the camera cannot be used, as a key of the camera strings. */
export type CameraReason = 'reason.none' | 'reason.denied' | 'reason.busy' | 'reason.unsupported' | 'reason.other';

export type CameraState =
  | { kind: 'starting' }
  | { kind: 'ready'; stream: MediaStream }
  | { kind: 'unavailable'; reason: CameraReason; message: string };

/** Why getUserMedia failed, as a strings key (the packer reads it; the raw message is kept for the record). */
function reasonOf(error: unknown): { reason: CameraReason; message: string } {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return { reason: 'reason.none', message };
  if (name === 'NotAllowedError' || name === 'SecurityError') return { reason: 'reason.denied', message };
  if (name === 'NotReadableError' || name === 'TrackStartError') return { reason: 'reason.busy', message };
  return { reason: 'reason.other', message };
}

/** The desk camera chosen in Settings (camera.deviceId), opened once and kept while the component lives. */
export function useCamera(): CameraState {
  const settings = useStationQuery('settings.list', {}, ['settings.changed']);
  const deviceId = settings.data?.find((s) => s.key === 'camera.deviceId')?.value;
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const current = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (settings.data === undefined) return;
    let cancelled = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ kind: 'unavailable', reason: 'reason.unsupported', message: 'navigator.mediaDevices is missing' });
      return;
    }
    const video: MediaTrackConstraints =
      typeof deviceId === 'string' && deviceId
        ? { deviceId: { exact: deviceId } }
        : { width: { ideal: 1280 }, height: { ideal: 720 } };
    navigator.mediaDevices.getUserMedia({ video, audio: false }).then(
      (stream) => {
        if (cancelled) return stream.getTracks().forEach((track) => track.stop());
        current.current = stream;
        setState({ kind: 'ready', stream });
      },
      (error: unknown) => !cancelled && setState({ kind: 'unavailable', ...reasonOf(error) }),
    );
    return () => {
      cancelled = true;
      current.current?.getTracks().forEach((track) => track.stop());
      current.current = null;
    };
  }, [deviceId, settings.data === undefined]);

  return state;
}

/** One frame of the stream as JPEG, base64 without the data: prefix. */
export async function captureJpeg(video: HTMLVideoElement, quality = 0.85): Promise<string> {
  if (video.readyState < 2)
    await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth || 640;
  canvas.height = video.videoHeight || 480;
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the frame could not be encoded'))), 'image/jpeg', quality),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
