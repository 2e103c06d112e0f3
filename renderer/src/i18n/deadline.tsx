import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const HOUR = 3_600_000;

/** "3 hr", "2.5 days", "40 min" in the UI's language. */
function duration(ms: number, locale: string): string {
  const minutes = Math.abs(ms) / 60_000;
  const unit = (value: number, name: 'minute' | 'hour' | 'day', digits = 0) =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).format(value);
  if (minutes < 60) return unit(Math.round(minutes), 'minute');
  if (minutes < 48 * 60) return unit(Math.floor(minutes / 60), 'hour');
  return unit(minutes / 1440, 'day', 1);
}

/** Re-renders every 30 s so "in 3 hr" stays true while the screen is open. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A pack-by or hand-over-by time: red when overdue, amber when at risk, with the time itself below. Orders and the pack queue. */
export function Deadline({ at, now, atRiskHours }: { at: number | null; now: number; atRiskHours: number }) {
  const { t, i18n } = useTranslation('orders');
  if (at === null) return <span className="deadline deadline--none">—</span>;
  const left = at - now;
  const tone = left < 0 ? 'overdue' : left < atRiskHours * HOUR ? 'at-risk' : 'ok';
  return (
    <span className={`deadline deadline--${tone}`} data-deadline={tone}>
      {left < 0
        ? t('overdue', { time: duration(left, i18n.language) })
        : t('dueIn', { time: duration(left, i18n.language) })}
      <small>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(at)}</small>
    </span>
  );
}
