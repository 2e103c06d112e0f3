import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackView } from '../../../../shared/contract/pack';
import { useFitText } from './use-fit-text';
import { colourOfShown, shownText, toneOfShown, type Shown } from './verdict-message';

/** The one line a packer reads from a metre away: colour and words both say what happened. */
export function VerdictBanner({ shown, view, seq }: { shown: Shown | null; view: PackView | null; seq: number }) {
  const { t } = useTranslation('pack');
  const tone = shown ? toneOfShown(shown) : 'idle';
  const colour = colourOfShown(shown);
  const text = shown ? shownText(t, shown, view) : t('idle.prompt');
  const box = useRef<HTMLDivElement>(null);
  useFitText(box, text, 16);
  return (
    <div
      ref={box}
      className={`pack-verdict pack-verdict--${colour}`}
      role="status"
      aria-live="assertive"
      data-testid="pack-verdict"
      data-tone={tone}
      data-colour={colour}
      data-kind={shown?.type === 'verdict' ? shown.verdict.kind : (shown?.type ?? 'idle')}
      data-seq={seq}
    >
      {text}
    </div>
  );
}

/** What the open order waits for next: a quantity, a serial, or nothing (it is complete). Always takes its line. */
export function PackPrompt({ view }: { view: PackView | null }) {
  const { t } = useTranslation('pack');
  const awaiting = view?.verification.progress.awaiting ?? null;
  const name = awaiting
    ? (view?.verification.lines.find((line) => line.key === awaiting.lineKey)?.productName ?? '')
    : '';
  const text = !view
    ? ''
    : view.complete
      ? t('prompt.complete')
      : awaiting
        ? t(`prompt.${awaiting.kind}`, { name })
        : '';
  const box = useRef<HTMLParagraphElement>(null);
  useFitText(box, text);
  return (
    <p ref={box} className={`pack-prompt${view?.complete ? ' pack-prompt--done' : ''}`} data-testid="pack-prompt">
      {text}
    </p>
  );
}
