import { useLayoutEffect, type RefObject } from 'react';

/**
 * Shrinks an element's font until its text fits its fixed box (the verdict banner, the prompt), so a long message or
 * a Chinese one is never cut: the CSS size is the largest, `minPx` the smallest. Refits when the text, the box
 * (window resized) or the fonts (the Chinese one loads on first use) change.
 */
export function useFitText(ref: RefObject<HTMLElement | null>, text: string, minPx = 14): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.fontSize = '';
      let size = parseFloat(getComputedStyle(el).fontSize);
      const overflows = () => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
      while (overflows() && size > minPx) {
        size = Math.max(minPx, size * 0.92);
        el.style.fontSize = `${size}px`;
      }
    };
    fit();
    let cancelled = false;
    void document.fonts.ready.then(() => !cancelled && fit());
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [ref, text, minPx]);
}
