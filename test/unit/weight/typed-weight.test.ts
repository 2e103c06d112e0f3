import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGrams, parseTypedWeight } from '../../../shared/domain/weight/typed';
import { GRAMS_PER_UNIT } from '../../../shared/domain/weight/units';

describe('a typed weight', () => {
  it('reads what packers type, in either language', () => {
    const cases: Array<[string, number]> = [
      ['1.25 kg', 1250],
      ['850 g', 850],
      ['850g', 850],
      ['1,5kg', 1500],
      ['2 lb 3 oz', Math.round(2 * 453.59237 + 3 * 28.349523125)],
      ['1 kg 200 g', 1200],
      ['  12 OZ ', Math.round(12 * 28.349523125)],
      ['0.5 Pounds', Math.round(226.796185)],
      ['1.5公斤', 1500],
      ['500克', 500],
      ['70 kg', 70_000],
    ];
    for (const [text, grams] of cases)
      expect({ text, result: parseTypedWeight(text, 'g') }).toEqual({
        text,
        result: { ok: true, grams },
      });
  });

  it('takes a lone number in the desk’s unit', () => {
    expect(parseTypedWeight('850', 'g')).toEqual({ ok: true, grams: 850 });
    expect(parseTypedWeight('1.2', 'kg')).toEqual({ ok: true, grams: 1200 });
    expect(parseTypedWeight('3', 'lb')).toEqual({ ok: true, grams: 1361 });
  });

  it('refuses with a code the UI words', () => {
    expect(parseTypedWeight('   ', 'g')).toEqual({ ok: false, code: 'empty' });
    expect(parseTypedWeight('heavy', 'g')).toEqual({ ok: false, code: 'not_a_weight' });
    expect(parseTypedWeight('-5 kg', 'g')).toEqual({ ok: false, code: 'not_a_weight' });
    expect(parseTypedWeight('1.2.3', 'g')).toEqual({ ok: false, code: 'not_a_weight' });
    expect(parseTypedWeight('2 3 oz', 'g')).toEqual({ ok: false, code: 'not_a_weight' });
    expect(parseTypedWeight('5 stone', 'g')).toEqual({ ok: false, code: 'unknown_unit', unit: 'stone' });
    expect(parseTypedWeight('0 kg', 'g')).toEqual({ ok: false, code: 'zero' });
    expect(parseTypedWeight('0.2 g', 'g')).toEqual({ ok: false, code: 'zero' });
    expect(parseTypedWeight('70.001 kg', 'g')).toEqual({ ok: false, code: 'too_heavy' });
  });

  it('reads back any weight it formats, in every unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70_000 }), (grams) => {
        const shown = formatGrams(grams);
        const back = parseTypedWeight(`${shown.value} ${shown.unit}`, 'g');
        // Kilograms are shown to 10 g.
        expect(back.ok && Math.abs(back.grams - grams)).toBeLessThanOrEqual(shown.unit === 'kg' ? 5 : 0);
        for (const unit of ['oz', 'lb'] as const) {
          const text = `${(grams / GRAMS_PER_UNIT[unit]).toFixed(4)} ${unit}`;
          const read = parseTypedWeight(text, 'g');
          expect(read.ok && Math.abs(read.grams - grams)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('never throws and only answers whole grams within limits, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const result = parseTypedWeight(text, 'kg');
        if (result.ok) {
          expect(Number.isInteger(result.grams)).toBe(true);
          expect(result.grams).toBeGreaterThan(0);
          expect(result.grams).toBeLessThanOrEqual(70_000);
        }
      }),
    );
  });
});
