import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

/** A live, muted preview of a camera stream; its element is what frames are captured from. */
export const CameraVideo = forwardRef<
  HTMLVideoElement | null,
  { stream: MediaStream; className?: string; label: string }
>(function CameraVideo({ stream, className, label }, ref) {
  const video = useRef<HTMLVideoElement>(null);
  useImperativeHandle<HTMLVideoElement | null, HTMLVideoElement | null>(ref, () => video.current, []);
  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) {
      video.current.srcObject = stream;
      void video.current.play().catch(() => undefined);
    }
  }, [stream]);
  return <video ref={video} className={className} aria-label={label} autoPlay muted playsInline />;
});
