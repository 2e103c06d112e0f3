const formats = new Map<string, Intl.DateTimeFormat>();

/** Deadlines in the desk's language; a formatter is costly to build, so each locale's is built once. */
export function formatTime(locale: string, time: number | null): string {
  if (time === null) return '—';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    formats.set(locale, format);
  }
  return format.format(time);
}
