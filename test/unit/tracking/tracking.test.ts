import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carrierFor, type CarrierId } from '../../../shared/domain/tracking/carriers';
import { formatById } from '../../../shared/domain/tracking/formats';
import { composeNumber, issueNext, rangeProblem, type NumberRange } from '../../../shared/domain/tracking/number-range';
import { normalizeTracking, validateTracking } from '../../../shared/domain/tracking/validate';

/**
 * Published test numbers: jkeen/tracking_number_data couriers/*.json (UPS, FedEx, USPS, DHL, DHL eCommerce, S10,
 * DPD 28, Yodel), SHIPPING-FACTS.md (EMS), parcelforce.com "Tracking number formats" (Parcelforce UK shapes),
 * evri.com ("16-digit tracking number") with WooCommerce's Evri fixtures, WooCommerce's DPD GB shapes.
 */
const VALID: Record<string, string[]> = {
  UPS: ['1Z999AA10123456784', '1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024'],
  FedEx: [
    '986578788855',
    '477179081230',
    '799531274483',
    ' 7 9 0 5 3 5 3 1 2 3 1 7 ',
    '568283610012000',
    '0414 4176 0228 964',
    '5682 8361 0012 734',
    '9611020987654312345672',
  ],
  USPS: [
    '9400111206206406260787',
    '9405803699300124287899',
    '92748931507708513018050063',
    '9400 1112 0108 0805 4830 16',
    '420 22153 9101026837331000039521',
    '4201002334249200190132607600833457',
    'RB123456785US',
  ],
  'DHL Express': ['3318810025', '8487135506', '3318810036', ' 3 3 1 8 8 1 0 0 3 6 ', '73891051146'],
  'DHL eCommerce': [
    'GM2951173225174494',
    'GM 2 9 5 117 32 25 1 7 44 9 4',
    'GM295117494011169042',
    '4201028200009261290113185417468510',
  ],
  'Royal Mail': ['RB123456785GB', ' r b 1 2 3 4 5 6 7 8 5 g b '],
  Parcelforce: ['AA1234567', 'AAAA1234567890', 'RB123456785GB', '123456789012'],
  Evri: ['1234567890123456', '1234 5678 9012 3456'],
  DPD: ['00 81827 0998 0000 0200 33 350 276 C', '0081 827 0998 0000 0200 45 327 276 N', '03123456789012'],
  Yodel: [
    'JJD0002257639032011',
    'JJD0002255380054291',
    'JD0002242617644732',
    'JD0002254405060992',
    'J J D 0 0 0 2 2 5 7 6 3 9 0 3 2 0 2 0',
  ],
  'China Post': ['RB123456785CN', 'CB123456785CN', 'LB123456785CN'],
  EMS: ['EE123456785CN', 'ee 123 456 785 cn'],
  'UPU S10': ['RB123456785CV', 'RB123456785CF'],
};

const INVALID: Record<string, string[]> = {
  UPS: ['2Z5R89390357567127', '1A5R89390357567127', '1Z1111111111111111', '1Z5R89390357567128'],
  FedEx: ['996578788855', '5682 8361 0012 732', '9600000000000000000001'],
  USPS: [
    '9200000000000000000000',
    '9400111206206406260788',
    '420000000000000000000000000000',
    '4201028200009261290113185417468511',
    'RB123456785GB',
  ],
  'DHL Express': ['3318810026', '331881002', '3318810010', '3318810034', '73891051149', '73891051147'],
  'DHL eCommerce': ['GS295117494011169041', 'GR295117494011169045', 'GM29511732', '4201028200009261290113185417468511'],
  'Royal Mail': ['RB123456786GB', 'RB123456785US', 'RB12345678GB'],
  Parcelforce: ['AA123456', 'A11234567', 'AAA1234567890', 'RB123456786GB', 'RB123456785US'],
  Evri: ['12345678901234567', '123456789012345', '1234567890123@45'],
  DPD: ['008182709980000020033350276A', '0081 827 0998 0000 0200 45 000 000 N', '0312345678901'],
  Yodel: ['JD000225440506099', 'JC0002254405060992'],
  'China Post': ['EE123456785CN', 'RB123456785GB', 'RB123456786CN'],
  EMS: ['EE123456784CN', 'E1123456785CN', 'EE12345678CN', 'RB123456785CN', 'EE123456785GB'],
  'UPU S10': ['RB123456786US'],
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
    expect(validateTracking('UPS', 'EE123456785CN')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not look like a UPS'),
    });
    expect(validateTracking('Pigeon Post', 'EE123456785CN')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no tracking-number rule'),
    });
    expect(validateTracking('UPS', '  ')).toMatchObject({ ok: false, reason: 'The tracking number is empty.' });
  });

  it('maps carrier names as TikTok Shop and sellers write them', () => {
    const names: Record<string, CarrierId> = {
      USPS: 'USPS',
      'USPS Ground Advantage': 'USPS',
      UPS: 'UPS',
      'UPS Ground': 'UPS',
      FedEx: 'FEDEX',
      'FedEx Ground': 'FEDEX',
      DHL: 'DHL',
      'DHL Express': 'DHL',
      'DHL eCommerce': 'DHL_ECOMMERCE',
      'DHL eCommerce Solutions': 'DHL_ECOMMERCE',
      'Royal Mail': 'ROYAL_MAIL',
      'Royal Mail Tracked 48': 'ROYAL_MAIL',
      Evri: 'EVRI',
      Hermes: 'EVRI',
      DPD: 'DPD',
      'DPD Local': 'DPD',
      Yodel: 'YODEL',
      Parcelforce: 'PARCELFORCE',
      'Parcelforce Worldwide': 'PARCELFORCE',
      'China Post': 'CHINA_POST',
      EMS: 'EMS',
      'China EMS': 'EMS',
      'UPU S10': 'UPU',
    };
    for (const [name, carrier] of Object.entries(names)) expect(carrierFor(name), name).toBe(carrier);
    expect(carrierFor('')).toBeNull();
    expect(carrierFor('Pigeon Post')).toBeNull();
    expect(carrierFor(null)).toBeNull();
  });

  it('says whether a check digit confirmed the number', () => {
    expect(validateTracking('UPS', '1Z5R89390357567127')).toMatchObject({ ok: true, checkDigit: true });
    expect(validateTracking('Yodel', 'JD0002242617644732')).toMatchObject({ ok: true, checkDigit: false });
  });

  it('names the carrier a shared shape was refused for', () => {
    expect(validateTracking('Royal Mail', 'RB123456785US')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('end in GB'),
    });
    expect(validateTracking('EMS', 'RB123456785CN')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('start E'),
    });
  });

  it('reads a scanner AIM symbology prefix and GS1 separator as noise', () => {
    expect(normalizeTracking(']C1420221539101026837331000039521')).toBe('420221539101026837331000039521');
    expect(normalizeTracking('420 22153\x1d9101 0268 3733 1000 0395 21')).toBe('420221539101026837331000039521');
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
        fc.property(
          fc.array(digit, { minLength: serialDigits, maxLength: serialDigits }),
          fc.nat(),
          fc.integer({ min: 1, max: 9 }),
          (digits, at, delta) => {
            const prefix = formatId === 'usps-impb' ? '94' : '';
            const number = composeNumber(format, prefix, Number(digits.join('')), serialDigits, '');
            expect(validateTracking(carrier, number).ok).toBe(true);
            const index =
              (formatId === 'usps-impb' ? 2 : 0) + (at % (number.length - (formatId === 'usps-impb' ? 2 : 0)));
            expect(validateTracking(carrier, substitute(number, index, delta)).ok).toBe(false);
          },
        ),
      );
    });
  }

  it('FedEx Ground 96: any one shipper, package or check digit changed is refused', () => {
    const format = formatById('fedex-ground-96')!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_999_999 }),
        fc.integer({ min: 8, max: 21 }),
        fc.integer({ min: 1, max: 9 }),
        (serial, index, delta) => {
          const number = composeNumber(format, '9611020', serial, 14, '');
          expect(validateTracking('FedEx', number).ok).toBe(true);
          expect(validateTracking('FedEx', substitute(number, index, delta)).ok).toBe(false);
        },
      ),
    );
  });

  it('DHL Express: a changed digit is refused unless it moved by exactly 7 (mod 7 cannot see that)', () => {
    const format = formatById('dhl-express-10')!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (serial, index, delta) => {
          const number = composeNumber(format, '', serial, 9, '');
          const changed = substitute(number, index, delta);
          const moved = Math.abs(Number(changed[index]) - Number(number[index]));
          expect(validateTracking('DHL', changed).ok).toBe(index < 9 && moved === 7);
        },
      ),
    );
  });

  it('UPS: a digit at a weight-1 place is always caught; at a weight-2 place unless it moved by 5', () => {
    const format = formatById('ups-1z')!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 10, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (serial, index, delta) => {
          const number = composeNumber(format, '1Z5R893903', serial, 7, '');
          expect(validateTracking('UPS', number).ok).toBe(true);
          const changed = substitute(number, index, delta);
          const weightTwo = index < 17 && (index - 2) % 2 === 1;
          const moved = Math.abs(Number(changed[index]) - Number(number[index]));
          expect(validateTracking('UPS', changed).ok).toBe(weightTwo && moved === 5);
        },
      ),
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
  const ems: NumberRange = {
    formatId: 'upu-s10',
    carrier: 'EMS',
    prefix: 'EE',
    suffix: 'CN',
    serialWidth: 8,
    first: 12345678,
    last: 12345680,
    next: 12345678,
  };

  it('issues the next S10 number with its check digit, then the one after, until the range is used up', () => {
    const first = issueNext(ems);
    expect(first).toMatchObject({ ok: true, number: 'EE123456785CN', range: { next: 12345679 } });
    const second = first.ok ? issueNext(first.range) : first;
    expect(second.ok && validateTracking('EMS', second.number).ok).toBe(true);
    const spent = issueNext({ ...ems, next: 12345681 });
    expect(spent).toMatchObject({ ok: false, reason: expect.stringContaining('used up') });
  });

  it('issues valid numbers for every carrier format', () => {
    const ranges: NumberRange[] = [
      {
        formatId: 'ups-1z',
        carrier: 'UPS',
        prefix: '1Z999AA101',
        suffix: '',
        serialWidth: 7,
        first: 0,
        last: 9_999_999,
        next: 123_456,
      },
      {
        formatId: 'fedex-express-12',
        carrier: 'FedEx',
        prefix: '9865',
        suffix: '',
        serialWidth: 7,
        first: 0,
        last: 9_999_999,
        next: 7,
      },
      {
        formatId: 'fedex-ground-96',
        carrier: 'FedEx',
        prefix: '9611020',
        suffix: '',
        serialWidth: 14,
        first: 0,
        last: 99_999_999_999_999,
        next: 1,
      },
      {
        formatId: 'usps-impb',
        carrier: 'USPS',
        prefix: '9400111206',
        suffix: '',
        serialWidth: 11,
        first: 0,
        last: 99_999_999_999,
        next: 42,
      },
      {
        formatId: 'dhl-express-10',
        carrier: 'DHL',
        prefix: '33',
        suffix: '',
        serialWidth: 7,
        first: 0,
        last: 9_999_999,
        next: 1,
      },
      {
        formatId: 'upu-s10',
        carrier: 'Royal Mail',
        prefix: 'TT',
        suffix: 'GB',
        serialWidth: 8,
        first: 0,
        last: 99_999_999,
        next: 5,
      },
      {
        formatId: 'dpd-28',
        carrier: 'DPD',
        prefix: '008182709980000020',
        suffix: '',
        serialWidth: 9,
        first: 0,
        last: 999_999_999,
        next: 33_350_276,
      },
      {
        formatId: 'yodel-jd',
        carrier: 'Yodel',
        prefix: 'JD000',
        suffix: '',
        serialWidth: 13,
        first: 0,
        last: 9_999_999_999_999,
        next: 2_242_617_644_732,
      },
    ];
    for (const range of ranges) {
      const issued = issueNext(range);
      expect(issued.ok, range.formatId).toBe(true);
      if (issued.ok)
        expect(validateTracking(range.carrier, issued.number), issued.number).toMatchObject({
          ok: true,
          format: { id: range.formatId },
        });
    }
  });

  it('refuses a range that cannot give valid numbers', () => {
    expect(rangeProblem({ ...ems, prefix: 'E' })).toMatch(/not give valid numbers/);
    expect(rangeProblem({ ...ems, first: 5, last: 4, next: 5 })).toMatch(/starts after it ends/);
    expect(rangeProblem({ ...ems, carrier: 'UPS' })).toMatch(/not give valid numbers/);
  });
});
