import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The station's time zone (the station.timeZone setting), so a wall display in another zone still shows the
 * warehouse's clock. Provided by the app shell; undefined falls back to the browser's zone.
 */
export const StationTimeZone = createContext<string | undefined>(undefined);

export interface Format {
  locale: string;
  number(value: number, digits?: number): string;
  percent(value: number): string;
  currency(value: number | string, currency: string): string;
  dateTime(ms: number): string;
  time(ms: number): string;
  /** Hour or day label for a chart axis. */
  slot(ms: number, slotMs: number): string;
  /** "3 h 20 min" / "3小时20分钟"; negative durations are shown as their size (the caller says "overdue"). */
  duration(ms: number): string;
}

function makeFormat(locale: string, timeZone: string | undefined): Format {
  const tz = timeZone ? { timeZone } : {};
  const dateTime = new Intl.DateTimeFormat(locale, { ...tz, dateStyle: 'short', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { ...tz, timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locale, { ...tz, weekday: 'short', day: 'numeric', month: 'short' });
  const hours = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'narrow',
    maximumFractionDigits: 0,
  });
  const minutes = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'narrow',
    maximumFractionDigits: 0,
  });
  const days = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'narrow',
    maximumFractionDigits: 0,
  });
  return {
    locale,
    number: (value, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    percent: (value) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value),
    currency: (value, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(value)),
    dateTime: (ms) => dateTime.format(ms),
    time: (ms) => time.format(ms),
    slot: (ms, slotMs) => (slotMs >= 86_400_000 ? day.format(ms) : time.format(ms)),
    duration: (ms) => {
      const total = Math.round(Math.abs(ms) / 60_000);
      const d = Math.floor(total / 1440);
      const h = Math.floor((total % 1440) / 60);
      const m = total % 60;
      if (d > 0) return `${days.format(d)} ${hours.format(h)}`;
      if (h > 0) return `${hours.format(h)} ${minutes.format(m)}`;
      return minutes.format(m);
    },
  };
}

/** Numbers, money, dates and durations in the UI's language and the station's time zone. */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const timeZone = useContext(StationTimeZone);
  return useMemo(() => makeFormat(i18n.language, timeZone), [i18n.language, timeZone]);
}
