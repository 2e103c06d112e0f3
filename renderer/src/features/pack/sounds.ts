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

let players: Partial<Record<Tone, HTMLAudioElement>> = {};

/** Loaded once, on first use, so the first scan of the day does not wait for a file. */
function player(tone: Tone): HTMLAudioElement {
  const existing = players[tone];
  if (existing) return existing;
  const audio = new Audio(URLS[tone]);
  audio.preload = 'auto';
  players = { ...players, [tone]: audio };
  return audio;
}

export function preloadSounds(): void {
  for (const tone of Object.keys(URLS) as Tone[]) player(tone);
}

export function playTone(tone: Tone): void {
  if (isMuted()) return;
  const audio = player(tone);
  audio.currentTime = 0;
  // A browser that has not seen a key press yet refuses to play; the verdict is on screen either way.
  audio.play().catch(() => undefined);
}

/** Muting belongs to this desk (its speaker), so it is kept in the browser, not in the station's settings. */
export function isMuted(): boolean {
  return window.localStorage.getItem(MUTE_KEY) === '1';
}

export function setMuted(muted: boolean): void {
  window.localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
}
