import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carrierFor, formatById } from '../../../shared/domain/tracking/formats';
import { composeNumber, issueNext, rangeProblem, type NumberRange } from '../../../shared/domain/tracking/number-range';
import { validateTracking } from '../../../shared/domain/tracking/validate';

/** Published test numbers (jkeen/tracking_number_data and SHIPPING-FACTS.md). */
const VALID: Record<string, string[]> = {
  UPS: ['1Z999AA10123456784', '1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024'],
  FedEx: ['986578788855', '477179081230', '799531274483', ' 7 9 0 5 3 5 3 1 2 3 1 7 ', '568283610012000', '0414 4176 0228 964', '5682 8361 0012 734', '9611020987654312345672'],
  USPS: ['9400111206206406260787', '9405803699300124287899', '92748931507708513018050063', '9400 1112 0108 0805 4830 16', '420 22153 9101026837331000039521'],
  'DHL Express': ['3318810025'],
  EMS: ['EE123456785CN', 'ee 123 456 785 cn'],
};

const INVALID: Record<string, string[]> = {
  UPS: ['2Z5R89390357567127', '1A5R89390357567127', '1Z1111111111111111', '1Z5R89390357567128'],
  FedEx: ['996578788855', '5682 8361 0012 732', '9600000000000000000001'],
  USPS: ['9200000000000000000000', '9400111206206406260788', '420000000000000000000000000000'],
  'DHL Express': ['3318810026', '331881002'],
  EMS: ['EE123456784CN', 'E1123456785CN', 'EE12345678CN'],
};

describe('tracking-number rules', () => {
  for (const [carrier, numbers] of Object.entries(VALID)) {
    it(`accepts the published ${carrier} numbers`, () => {
      for (const number of numbers) expect(validateTracking(carrier, number), number).toMatchObject({ ok: true });
    });
  }
  for (const [carrier, numbers] of Object.entries(INVALID)) {
    it(`refuses corrupted ${carrier} numbers with a reason`, () => {
      for (const number of numbers) {
        const result = validateTracking(carrier, number);
        expect(result.ok, number).toBe(false);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(20);
      }
    });
  }

  it('names the wrong and the right check digit', () => {
    expect(validateTracking('UPS', '1Z5R89390357567128')).toEqual({
      ok: false,
      reason: expect.stringMatching(/check digit is 8 but should be 7/) as unknown as string,
    });
  });

  it('keeps the USPS routing prefix out of the tracking number', () => {
    const result = validateTracking('USPS', '420 22153 9101026837331000039521');
    expect(result).toMatchObject({ ok: true, number: '9101026837331000039521', routing: '42022153' });
  });

  it('refuses a number of another carrier and an unknown carrier', () => {
    expect(validateTracking('UPS', 'EE123456785CN')).toMatchObject({ ok: false, reason: expect.stringContaining('does not look like a UPS') });
    expect(validateTracking('Pigeon Post', 'EE123456785CN')).toMatchObject({ ok: false, reason: expect.stringContaining('no tracking-number rule') });
    expect(validateTracking('UPS', '  ')).toMatchObject({ ok: false, reason: 'The tracking number is empty.' });
  });

  it('maps carrier names as marketplaces write them', () => {
    expect(carrierFor('China Post')).toBe('UPU');
    expect(carrierFor('FedEx Ground')).toBe('FEDEX');
    expect(carrierFor('DHL Express')).toBe('DHL');
    expect(carrierFor('UPU S10')).toBe('UPU');
    expect(carrierFor('')).toBeNull();
  });
});

const digit = fc.integer({ min: 0, max: 9 });

/** Replaces the digit at `index` by another digit, `delta` steps away (1..9) mod 10. */
function substitute(number: string, index: number, delta: number): string {
  const changed = (Number(number[index]) + delta) % 10;
  return number.slice(0, index) + String(changed) + number.slice(index + 1);
}

describe('check digits catch single-digit errors where the algorithm guarantees it', () => {
  const guaranteed: Array<[string, string, number]> = [
    // mod10 with weights 1 and 3 (3 is a unit mod 10): every single substitution changes the sum mod 10.
    ['FedEx', 'fedex-ground-15', 14],
    ['USPS', 'usps-impb', 19],
  ];
  for (const [carrier, formatId, serialDigits] of guaranteed) {
    it(`${formatId}: any one digit changed anywhere is refused`, () => {
      const format = formatById(formatId)!;
      fc.assert(
        fc.property(fc.array(digit, { minLength: serialDigits, maxLength: serialDigits }), fc.nat(), fc.integer({ min: 1, max: 9 }), (digits, at, delta) => {
          const prefix = formatId === 'usps-impb' ? '94' : '';
          const number = composeNumber(format, prefix, Number(digits.join('')), serialDigits, '');
          expect(validateTracking(carrier, number).ok).toBe(true);
          const index = (formatId === 'usps-impb' ? 2 : 0) + (at % (number.length - (formatId === 'usps-impb' ? 2 : 0)));
          expect(validateTracking(carrier, substitute(number, index, delta)).ok).toBe(false);
        }),
      );
    });
  }

  it('FedEx Ground 96: any one shipper, package or check digit changed is refused', () => {
    const format = formatById('fedex-ground-96')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_999 }), fc.integer({ min: 8, max: 21 }), fc.integer({ min: 1, max: 9 }), (serial, index, delta) => {
        const number = composeNumber(format, '9611020', serial, 14, '');
        expect(validateTracking('FedEx', number).ok).toBe(true);
        expect(validateTracking('FedEx', substitute(number, index, delta)).ok).toBe(false);
      }),
    );
  });

  it('DHL Express: a changed digit is refused unless it moved by exactly 7 (mod 7 cannot see that)', () => {
    const format = formatById('dhl-express-10')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (serial, index, delta) => {
        const number = composeNumber(format, '', serial, 9, '');
        const changed = substitute(number, index, delta);
        const moved = Math.abs(Number(changed[index]) - Number(number[index]));
        expect(validateTracking('DHL', changed).ok).toBe(index < 9 && moved === 7);
      }),
    );
  });

  it('UPS: a digit at a weight-1 place is always caught; at a weight-2 place unless it moved by 5', () => {
    const format = formatById('ups-1z')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 10, max: 17 }), fc.integer({ min: 1, max: 9 }), (serial, index, delta) => {
        const number = composeNumber(format, '1Z5R893903', serial, 7, '');
        expect(validateTracking('UPS', number).ok).toBe(true);
        const changed = substitute(number, index, delta);
        const weightTwo = index < 17 && (index - 2) % 2 === 1;
        const moved = Math.abs(Number(changed[index]) - Number(number[index]));
        expect(validateTracking('UPS', changed).ok).toBe(weightTwo && moved === 5);
      }),
    );
  });

  it('UPU S10: any changed check digit is refused and every composed number validates', () => {
    const format = formatById('upu-s10')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 1, max: 9 }), (serial, delta) => {
        const number = composeNumber(format, 'EE', serial, 8, 'CN');
        expect(validateTracking('EMS', number).ok).toBe(true);
        expect(validateTracking('EMS', substitute(number, 10, delta)).ok).toBe(false);
      }),
    );
  });
});

describe('number ranges', () => {
  const ems: NumberRange = { formatId: 'upu-s10', carrier: 'EMS', prefix: 'EE', suffix: 'CN', serialWidth: 8, first: 12345678, last: 12345680, next: 12345678 };

  it('issues the next S10 number with its check digit, then the one after, until the range is used up', () => {
    const first = issueNext(ems);
    expect(first).toMatchObject({ ok: true, number: 'EE123456785CN', range: { next: 12345679 } });
    const second = first.ok ? issueNext(first.range) : first;
    expect(second.ok && validateTracking('China Post', second.number).ok).toBe(true);
    const spent = issueNext({ ...ems, next: 12345681 });
    expect(spent).toMatchObject({ ok: false, reason: expect.stringContaining('used up') });
  });

  it('issues valid numbers for every carrier format', () => {
    const ranges: NumberRange[] = [
      { formatId: 'ups-1z', carrier: 'UPS', prefix: '1Z999AA101', suffix: '', serialWidth: 7, first: 0, last: 9_999_999, next: 123_456 },
      { formatId: 'fedex-express-12', carrier: 'FedEx', prefix: '9865', suffix: '', serialWidth: 7, first: 0, last: 9_999_999, next: 7 },
      { formatId: 'fedex-ground-96', carrier: 'FedEx', prefix: '9611020', suffix: '', serialWidth: 14, first: 0, last: 99_999_999_999_999, next: 1 },
      { formatId: 'usps-impb', carrier: 'USPS', prefix: '9400111206', suffix: '', serialWidth: 11, first: 0, last: 99_999_999_999, next: 42 },
      { formatId: 'dhl-express-10', carrier: 'DHL', prefix: '33', suffix: '', serialWidth: 7, first: 0, last: 9_999_999, next: 1 },
    ];
    for (const range of ranges) {
      const issued = issueNext(range);
      expect(issued.ok, range.formatId).toBe(true);
      if (issued.ok) expect(validateTracking(range.carrier, issued.number), issued.number).toMatchObject({ ok: true, format: { id: range.formatId } });
    }
  });

  it('refuses a range that cannot give valid numbers', () => {
    expect(rangeProblem({ ...ems, prefix: 'E' })).toMatch(/not give valid numbers/);
    expect(rangeProblem({ ...ems, first: 5, last: 4, next: 5 })).toMatch(/starts after it ends/);
    expect(rangeProblem({ ...ems, carrier: 'UPS' })).toMatch(/not give valid numbers/);
  });
});
