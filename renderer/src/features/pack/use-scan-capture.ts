import { useLayoutEffect, useRef } from 'react';
import type { EntrySource } from '../../../../shared/domain/scan/entry';
import { detectKey, idleDetector, type ScannerConfig } from '../../../../shared/domain/scan/scanner-detector';

/** The manual-entry field carries this attribute: keys typed there are still watched, so a scan into it is a scan. */
export const MANUAL_FIELD = 'data-scan-field';

function isEditable(element: Element | null): element is HTMLElement {
  return !!element && (element.matches('input, textarea, select') || (element as HTMLElement).isContentEditable);
}

/**
 * Captures keyboard-wedge scans wherever the focus is, without a click into a field first. Keys go through the
 * shared detector, which tells a scanner's burst from a person typing by the time between keys. Fields other than
 * the manual-entry field (a PIN, a note) are left alone, and so is everything while `enabled` is false (dialogs).
 */
export function useScanCapture(
  config: ScannerConfig,
  enabled: boolean,
  onEntry: (text: string, source: EntrySource) => void,
): void {
  const onEntryRef = useRef(onEntry);
  onEntryRef.current = onEntry;
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const configRef = useRef(config);
  configRef.current = config;

  // Attached once, before the screen is first painted, and kept while the station's scanner settings load: a packer
  // scans the moment the screen shows, and re-attaching (or attaching after paint) lost a scan's first keys.
  useLayoutEffect(() => {
    let detector = idleDetector();
    const onKeyDown = (event: KeyboardEvent) => {
      const config = configRef.current;
      if (!enabledRef.current || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      const manual = target instanceof HTMLInputElement && target.hasAttribute(MANUAL_FIELD) ? target : null;
      if (isEditable(target) && !manual) return;
      const { state, detection } = detectKey(detector, event.key, event.timeStamp, config);
      detector = state;
      if (manual) {
        if (event.key !== config.suffix && event.key !== 'Enter') return;
        event.preventDefault();
        const value = manual.value;
        manual.value = '';
        if (value.trim().length === 0) return;
        const scanned = detection.type === 'scan' && value.trim() === detection.text.trim();
        onEntryRef.current(value, scanned ? 'scanner' : 'manual');
        return;
      }
      // Outside a field, printable keys belong to the scanner: a space must not press the focused button.
      if (event.key.length === 1) event.preventDefault();
      if (detection.type === 'none') return;
      event.preventDefault();
      onEntryRef.current(detection.text, detection.type === 'scan' ? 'scanner' : 'typed');
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
