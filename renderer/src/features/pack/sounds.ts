import type { Tone } from '../../../../shared/domain/scan/tone';
import completeUrl from '../../../../resources/sounds/complete.wav?url&no-inline';
import okUrl from '../../../../resources/sounds/ok.wav?url&no-inline';
import overUrl from '../../../../resources/sounds/over.wav?url&no-inline';
import unknownUrl from '../../../../resources/sounds/unknown.wav?url&no-inline';
import wrongUrl from '../../../../resources/sounds/wrong.wav?url&no-inline';

const URLS: Record<Tone, string> = {
  ok: okUrl,
  complete: completeUrl,
  over: overUrl,
  wrong: wrongUrl,
  unknown: unknownUrl,
};
const MUTE_KEY = 'packbench.pack.muted';

let context: AudioContext | null = null;
const buffers: Partial<Record<Tone, AudioBuffer>> = {};

/**
 * Decoded once, on first use, so a scan's tone is one buffer started: an audio element rewound and played again
 * fetched its file anew on every scan, a millisecond of the scan's frame.
 */
export function preloadSounds(): void {
  if (context) return;
  const audio = new AudioContext();
  context = audio;
  for (const [tone, url] of Object.entries(URLS) as Array<[Tone, string]>) {
    void fetch(url)
      .then((response) => response.arrayBuffer())
      .then((bytes) => audio.decodeAudioData(bytes))
      .then(
        (buffer) => (buffers[tone] = buffer),
        // A tone that cannot load stays silent: the verdict is on screen either way.
        () => undefined,
      );
  }
}

export function playTone(tone: Tone): void {
  if (isMuted()) return;
  preloadSounds();
  const buffer = buffers[tone];
  if (!context || !buffer) return;
  // A page that has not seen a key press yet starts its audio suspended; a scan is that key press.
  if (context.state === 'suspended') void context.resume();
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start();
}

/** Muting belongs to this desk (its speaker), so it is kept in the browser, not in the station's settings. */
export function isMuted(): boolean {
  return window.localStorage.getItem(MUTE_KEY) === '1';
}

export function setMuted(muted: boolean): void {
  window.localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
}
