import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CarrierId } from '../../../shared/domain/tracking/carriers';
import { formatById } from '../../../shared/domain/tracking/formats';
import { trackingLookupKeys } from '../../../shared/domain/tracking/lookup-keys';
import { composeNumber } from '../../../shared/domain/tracking/number-range';
import { recogniseCarrier } from '../../../shared/domain/tracking/recognise';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const letter = fc.integer({ min: 65, max: 90 }).map((c) => String.fromCharCode(c));
const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/** A valid number of an unambiguous format and the carrier it belongs to. */
interface Sample {
  kind: 'impb' | 'ups' | 's10';
  number: string;
  carrier: CarrierId;
  /** Index range of the characters a check digit covers (routing, service letters and country are not covered). */
  checked: [number, number];
}

const impb: fc.Arbitrary<Sample> = fc
  .tuple(
    fc.constantFrom('91', '92', '93', '94', '95'),
    fc.constantFrom(19, 23),
    fc.option(fc.constantFrom('42022153', '420100233424'), { nil: undefined }),
  )
  .chain(([channel, width, routing]) =>
    digits(width).map((serial) => {
      const body = channel + serial;
      const number = body + formatById('usps-impb')!.checkFor!(body);
      return {
        kind: 'impb' as const,
        number: (routing ?? '') + number,
        carrier: 'USPS' as const,
        checked: [(routing ?? '').length, (routing ?? '').length + number.length] as [number, number],
      };
    }),
  );

const ups: fc.Arbitrary<Sample> = fc.array(alnum, { minLength: 15, maxLength: 15 }).map((chars) => {
  const body = `1Z${chars.join('')}`;
  return {
    kind: 'ups',
    number: body + formatById('ups-1z')!.checkFor!(body.slice(2)),
    carrier: 'UPS',
    checked: [2, 18],
  };
});

const POSTS: Array<[string, string, CarrierId]> = [
  ['R', 'GB', 'ROYAL_MAIL'],
  ['L', 'GB', 'ROYAL_MAIL'],
  ['E', 'CN', 'EMS'],
  ['C', 'CN', 'CHINA_POST'],
  ['R', 'CN', 'CHINA_POST'],
  ['L', 'CN', 'CHINA_POST'],
  ['E', 'US', 'USPS'],
  ['R', 'FR', 'UPU'],
];
const s10: fc.Arbitrary<Sample> = fc
  .tuple(fc.constantFrom(...POSTS), letter, fc.integer({ min: 0, max: 99_999_999 }))
  .map(([[service, country, carrier], second, serial]) => ({
    kind: 's10',
    number: composeNumber(formatById('upu-s10')!, service + second, serial, 8, country),
    carrier,
    checked: [2, 11],
  }));

/** The S10 weighted sum mod 11: check digit 5 stands for both 0 and 6, the one pair S10 cannot tell apart. */
function s10Residue(number: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  return weights.reduce((sum, weight, i) => sum + weight * Number(number[2 + i]), 0) % 11;
}

function substitute(number: string, index: number, delta: number): string {
  return number.slice(0, index) + String((Number(number[index]) + delta) % 10) + number.slice(index + 1);
}

/** Where the carrier's own algorithm cannot see a substitution (documented in tracking.test.ts for UPS and S10). */
function blindSpot(sample: Sample, changed: string, index: number): boolean {
  // 420 + ZIP + 26 digits and 420 + ZIP+4 + 22 digits are both 34 long: a change can make the other reading valid.
  if (sample.kind === 'impb') {
    const reading = recogniseCarrier(changed);
    return reading !== null && reading.routing.length !== recogniseCarrier(sample.number)!.routing.length;
  }
  if (sample.kind === 'ups') {
    const moved = Math.abs(Number(changed[index]) - Number(sample.number[index]));
    return index < 17 && (index - 2) % 2 === 1 && moved === 5;
  }
  if (sample.kind === 's10' && index < 10)
    return [s10Residue(sample.number), s10Residue(changed)].sort().join() === '0,6';
  return false;
}

describe('recogniseCarrier', () => {
  it('recognises every valid number of an unambiguous format as its carrier', () => {
    fc.assert(
      fc.property(fc.oneof(impb, ups, s10), (sample) => {
        expect(recogniseCarrier(sample.number)).toMatchObject({ ok: true, carrier: sample.carrier, checkDigit: true });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a number with one checked digit changed (except where the algorithm is blind to it)', () => {
    fc.assert(
      fc.property(fc.oneof(impb, ups, s10), fc.nat(), fc.integer({ min: 1, max: 9 }), (sample, at, delta) => {
        const [from, to] = sample.checked;
        const positions = [...sample.number.slice(from, to)].flatMap((char, i) => (/\d/.test(char) ? [from + i] : []));
        const index = positions[at % positions.length]!;
        const changed = substitute(sample.number, index, delta);
        const recognised = recogniseCarrier(changed);
        if (blindSpot(sample, changed, index)) expect(recognised?.carrier).toBe(sample.carrier);
        else expect(recognised).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('recognises the published numbers and the post of an S10 number by its country', () => {
    expect(recogniseCarrier('9400 1112 0108 0805 4830 16')).toMatchObject({
      carrier: 'USPS',
      number: '9400111201080805483016',
    });
    expect(recogniseCarrier(']C1420221539101026837331000039521')).toMatchObject({
      carrier: 'USPS',
      routing: '42022153',
    });
    expect(recogniseCarrier('1z5r89390357567127')).toMatchObject({ carrier: 'UPS' });
    expect(recogniseCarrier('RB123456785GB')).toMatchObject({ carrier: 'ROYAL_MAIL', country: 'GB' });
    expect(recogniseCarrier('EE123456785CN')).toMatchObject({ carrier: 'EMS', country: 'CN' });
    expect(recogniseCarrier('RB123456785CN')).toMatchObject({ carrier: 'CHINA_POST', country: 'CN' });
    expect(recogniseCarrier('RB123456785CV')).toMatchObject({ carrier: 'UPU', country: 'CV' });
  });

  it('names no carrier for formats several carriers share or that have no check digit', () => {
    for (const number of [
      '986578788855',
      '568283610012000',
      '3318810025',
      'JD0002242617644732',
      '1234567890123456',
      'AA1234567',
      'GM2951173225174494',
      '',
    ]) {
      expect(recogniseCarrier(number), number).toBeNull();
    }
  });
});

describe('trackingLookupKeys', () => {
  it('gives the stored spellings of a scanned barcode', () => {
    expect(trackingLookupKeys(' 1z5r 8939 0357 5671 27 ')).toEqual(['1Z5R89390357567127']);
    expect(trackingLookupKeys(']C1420221539101026837331000039521')).toEqual([
      '420221539101026837331000039521',
      '9101026837331000039521',
    ]);
    expect(trackingLookupKeys('9611020987654312345672')).toEqual(['9611020987654312345672', '987654312345672']);
    expect(trackingLookupKeys('  ')).toEqual([]);
  });
});
