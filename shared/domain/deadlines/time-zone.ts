/** Building a formatter costs far more than using one, and a station asks about the same zone all day. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The station's offset from UTC at a given instant, for an IANA time zone ("Asia/Shanghai") or "UTC". Works from
 * Intl's own tables, so the answer follows the warehouse's zone (daylight saving included), not the machine's.
 */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  const name = offsetFormat(timeZone)
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!match) throw new Error(`No UTC offset for time zone ${timeZone} (got ${String(name)}).`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
