import { useEffect } from 'react';
import { callStation } from '../station/bridge';

/** Scanner keystrokes, typing, mouse and touch all count as someone being at the desk. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks the station after the station.lockAfterMinutes setting passes without anyone touching it, so a desk left
 * signed in cannot be used under someone else's name. 0 turns it off.
 */
export function useInactivityLock(minutes: number, signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn || !(minutes > 0)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void callStation('session.lock', {}), minutes * 60_000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, arm, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, arm);
    };
  }, [minutes, signedIn]);
}
