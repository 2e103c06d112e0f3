import { describe, expect, it } from 'vitest';
import { isTimeZone, utcOffsetMinutes } from '../../../shared/domain/deadlines/time-zone';

describe('station time zone offset', () => {
  it('reads the offset of a zone at an instant, daylight saving included', () => {
    expect(utcOffsetMinutes('Asia/Shanghai', Date.parse('2026-07-01T00:00:00Z'))).toBe(480);
    expect(utcOffsetMinutes('America/Los_Angeles', Date.parse('2026-01-15T12:00:00Z'))).toBe(-480);
    expect(utcOffsetMinutes('America/Los_Angeles', Date.parse('2026-07-15T12:00:00Z'))).toBe(-420);
    expect(utcOffsetMinutes('Asia/Kolkata', Date.parse('2026-07-15T12:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('UTC', Date.parse('2026-07-15T12:00:00Z'))).toBe(0);
  });

  it('tells a real zone from a typo', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
