import { useTranslation } from 'react-i18next';
import type { PackView } from '../../../../shared/contract/pack';
import { shownText, toneOfShown, type Shown } from './verdict-message';

/** The one line a packer reads from a metre away: colour and words both say what happened. */
export function VerdictBanner({ shown, view, seq }: { shown: Shown | null; view: PackView | null; seq: number }) {
  const { t } = useTranslation('pack');
  const tone = shown ? toneOfShown(shown) : 'idle';
  const text = shown ? shownText(t, shown, view) : t('idle.prompt');
  return (
    <div
      className={`pack-verdict pack-verdict--${tone}`}
      role="status"
      aria-live="assertive"
      data-testid="pack-verdict"
      data-tone={tone}
      data-kind={shown?.type === 'verdict' ? shown.verdict.kind : (shown?.type ?? 'idle')}
      data-seq={seq}
    >
      {text}
    </div>
  );
}

/** What the open order waits for next: a quantity, a serial, or nothing (it is complete). */
export function PackPrompt({ view }: { view: PackView | null }) {
  const { t } = useTranslation('pack');
  if (!view) return null;
  if (view.complete) return <p className="pack-prompt pack-prompt--done">{t('prompt.complete')}</p>;
  const awaiting = view.verification.progress.awaiting;
  if (!awaiting) return null;
  const name = view.verification.lines.find((line) => line.key === awaiting.lineKey)?.productName ?? '';
  return (
    <p className="pack-prompt" data-testid="pack-prompt">
      {t(`prompt.${awaiting.kind}`, { name })}
    </p>
  );
}
