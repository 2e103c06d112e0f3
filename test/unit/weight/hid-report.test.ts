import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeScaleReport,
  parseScaleReport,
  reportFor,
  SCALE_STATES,
  type ScaleState,
} from '../../../shared/domain/weight/hid-report';
import { GRAMS_PER_UNIT, MAX_PARCEL_GRAMS } from '../../../shared/domain/weight/units';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('USB HID scale reports (usage page 0x8D)', () => {
  it('reads the reports real postal scales send', () => {
    // Dymo M10 in grams: 20 g, stable.
    expect(parseScaleReport(bytes(3, 4, 2, 0, 0x14, 0x00))).toEqual({
      ok: true,
      reading: { grams: 20, state: 'stable', unit: 'g' },
    });
    // Dymo in ounces: 645.2 oz (40 lb 5.2 oz) with exponent -1 (0xFF).
    expect(parseScaleReport(bytes(3, 4, 11, 0xff, 0x34, 0x19))).toEqual({
      ok: true,
      reading: { grams: Math.round(645.2 * 28.349523125), state: 'stable', unit: 'oz' },
    });
    // Stamps.com in pounds, 2.5 lb at 0.01 lb, still moving.
    expect(parseScaleReport(bytes(3, 3, 12, 0xfe, 250, 0))).toMatchObject({
      ok: true,
      reading: { grams: 1134, state: 'in_motion', unit: 'lb' },
    });
    expect(parseScaleReport(bytes(3, 2, 2, 0, 0, 0))).toMatchObject({ reading: { grams: 0, state: 'zero' } });
    expect(parseScaleReport(bytes(3, 5, 2, 0, 12, 0))).toMatchObject({ reading: { state: 'under_zero' } });
    expect(parseScaleReport(bytes(3, 6, 3, 0xfd, 0xff, 0xff))).toMatchObject({ reading: { state: 'over_capacity' } });
    // Padding after the sixth byte is ignored; the status report id (4) has the same layout.
    expect(parseScaleReport(bytes(4, 4, 3, 0xfd, 0xe2, 0x04, 0, 0))).toMatchObject({
      reading: { grams: 1250, unit: 'kg' },
    });
  });

  it('refuses short reports, other reports, unknown statuses, units and wild exponents', () => {
    expect(parseScaleReport(bytes())).toEqual({ ok: false, code: 'short' });
    expect(parseScaleReport(bytes(3, 4, 2, 0, 20))).toEqual({ ok: false, code: 'short' });
    expect(parseScaleReport(bytes(1, 4, 2, 0, 20, 0))).toEqual({ ok: false, code: 'report_id' });
    expect(parseScaleReport(bytes(3, 0, 2, 0, 20, 0))).toEqual({ ok: false, code: 'status' });
    expect(parseScaleReport(bytes(3, 9, 2, 0, 20, 0))).toEqual({ ok: false, code: 'status' });
    expect(parseScaleReport(bytes(3, 4, 5, 0, 20, 0))).toEqual({ ok: false, code: 'unit' });
    expect(parseScaleReport(bytes(3, 4, 13, 0, 20, 0))).toEqual({ ok: false, code: 'unit' });
    expect(parseScaleReport(bytes(3, 4, 2, 0x7f, 20, 0))).toEqual({ ok: false, code: 'exponent' });
  });

  it('never throws on any bytes, and whatever it accepts is a whole, non-negative number of grams', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (input) => {
        const parsed = parseScaleReport(input);
        if (input.length < 6) expect(parsed).toEqual({ ok: false, code: 'short' });
        if (parsed.ok) {
          expect(Number.isInteger(parsed.reading.grams)).toBe(true);
          expect(parsed.reading.grams).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('round-trips every field through encode and parse', () => {
    const states = Object.values(SCALE_STATES) as ScaleState[];
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.constantFrom('g', 'kg', 'oz', 'lb', 'mg', 'ozt' as const),
        fc.integer({ min: -3, max: 2 }),
        fc.integer({ min: 0, max: 0xffff }),
        (state, unit, exponent, raw) => {
          const parsed = parseScaleReport(encodeScaleReport({ state, unit, exponent, raw }));
          expect(parsed).toEqual({
            ok: true,
            reading: { state, unit, grams: Math.round(raw * 10 ** exponent * GRAMS_PER_UNIT[unit]) },
          });
        },
      ),
    );
  });

  it('a weight sent in any desk unit reads back within half of the step the report carries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_PARCEL_GRAMS }),
        fc.constantFrom('g', 'kg', 'oz', 'lb' as const),
        (grams, unit) => {
          const report = reportFor(grams, 'stable', unit);
          const parsed = parseScaleReport(report);
          if (!parsed.ok) throw new Error(parsed.code);
          // Past 16 bits a scale steps ten times coarser, like a real one: 0.1 g steps become 1 g, 1 g become 10 g.
          const exponent = report[3]! > 127 ? report[3]! - 256 : report[3]!;
          const step = 10 ** exponent * GRAMS_PER_UNIT[unit];
          expect(step).toBeLessThanOrEqual(unit === 'g' || unit === 'kg' ? 10 : 0.1 * GRAMS_PER_UNIT[unit] + 1e-9);
          expect(Math.abs(parsed.reading.grams - grams)).toBeLessThanOrEqual(step / 2 + 0.5);
        },
      ),
    );
  });
});
