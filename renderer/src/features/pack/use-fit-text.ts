import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Texts whose fitted size is remembered per box: a packer's orders repeat their products' prompts all day. */
const REMEMBERED = 200;

/**
 * Shrinks an element's font until its text fits its fixed box (the verdict banner, the prompt), so a long message or
 * a Chinese one is never cut: the CSS size is the largest, `minPx` the smallest. Refits when the text, the box
 * (window resized) or the fonts (the Chinese one loads on first use) change.
 *
 * The verdict is fitted inside the scan's keydown, where every forced layout delays the frame that shows it. A text
 * already fitted in the same box and fonts takes its size from memory (shrinking a long prompt took five layouts a
 * scan), and the fonts are watched once, not again for every text (which fitted each text twice more).
 */
export function useFitText(ref: RefObject<HTMLElement | null>, text: string, minPx = 14): void {
  const fitNow = useRef<() => void>(() => undefined);

  useLayoutEffect(() => fitNow.current(), [text]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Sizes by text for this box and these fonts; '' is the CSS size.
    const fitted = new Map<string, string>();
    const fit = () => {
      const text = el.textContent ?? '';
      const known = fitted.get(text);
      if (known !== undefined) {
        el.style.fontSize = known;
        return;
      }
      el.style.fontSize = '';
      let size = parseFloat(getComputedStyle(el).fontSize);
      const overflows = () => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
      while (overflows() && size > minPx) {
        size = Math.max(minPx, size * 0.92);
        el.style.fontSize = `${size}px`;
      }
      // Oldest first out: a Map iterates in insertion order.
      if (fitted.size >= REMEMBERED) fitted.delete(fitted.keys().next().value!);
      fitted.set(text, el.style.fontSize);
    };
    const refit = () => {
      fitted.clear();
      fit();
    };
    fitNow.current = fit;
    refit();
    let cancelled = false;
    const onChange = () => !cancelled && refit();
    void document.fonts.ready.then(onChange);
    document.fonts.addEventListener('loadingdone', onChange);
    const observer = new ResizeObserver(onChange);
    observer.observe(el);
    return () => {
      cancelled = true;
      fitNow.current = () => undefined;
      document.fonts.removeEventListener('loadingdone', onChange);
      observer.disconnect();
    };
  }, [ref, minPx]);
}
