import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGs1 } from '../../../shared/domain/scan/gs1';
import { gs1CheckDigit, toGtin14 } from '../../../shared/domain/scan/gtin';
import {
  catalogueKeys,
  MAX_CODE_LENGTH,
  parseScan,
  rejectScanText,
  storedSpellings,
} from '../../../shared/domain/scan/normalize';

const code = (raw: string) => {
  const parsed = parseScan(raw);
  if (!parsed.ok) throw new Error(`rejected ${raw}: ${parsed.reason}`);
  return parsed.code;
};
const sharesKey = (a: string[], b: string[]) => a.some((key) => b.includes(key));

describe('GTIN check digits', () => {
  it('computes published check digits', () => {
    expect(gs1CheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gs1CheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit('9638507')).toBe(4); // EAN-8 96385074
  });

  it('accepts valid GTINs of every length as 14 digits and refuses a wrong check digit', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('0036000291452')).toBe('00036000291452');
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('036000291453')).toBeNull();
    expect(toGtin14('12345')).toBeNull();
  });

  it('finds every single-digit error (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{11}$/),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (data, position, delta) => {
          const valid = data + String(gs1CheckDigit(data));
          const digits = valid.split('');
          digits[position] = String((Number(digits[position]) + delta) % 10);
          expect(toGtin14(valid)).not.toBeNull();
          expect(toGtin14(digits.join(''))).toBeNull();
        },
      ),
    );
  });
});

describe('parseScan', () => {
  it('trims and strips AIM symbology identifiers', () => {
    expect(code('  LAMP-01 \r\n').text).toBe('LAMP-01');
    expect(code(']E00036000291452').gtin).toBe('00036000291452');
    expect(code(']A0LAMP-01').text).toBe('LAMP-01');
  });

  it('treats UPC-A and its EAN-13 form as the same item', () => {
    expect(sharesKey(code('036000291452').keys, code('0036000291452').keys)).toBe(true);
    expect(sharesKey(code(']E00036000291452').keys, catalogueKeys('036000291452'))).toBe(true);
  });

  it('reads the GTIN and serial out of GS1-128, bracketed or raw with group separators', () => {
    const bracketed = code('(01)09506000134352(21)SN-1');
    expect(bracketed).toMatchObject({ gtin: '09506000134352', serial: 'SN-1' });
    const raw = code(']C1010950600013435210LOT7\u001d21SN-2');
    expect(raw).toMatchObject({ gtin: '09506000134352', serial: 'SN-2' });
    expect(code('0109506000134352').gtin).toBe('09506000134352');
    expect(sharesKey(raw.keys, catalogueKeys('9506000134352'))).toBe(true);
  });

  it('matches seller SKUs without regard to case, and keeps non-GTIN digits as text', () => {
    expect(sharesKey(code('lamp-01').keys, catalogueKeys('LAMP-01'))).toBe(true);
    expect(code('123456789').gtin).toBeNull();
  });

  it('refuses garbage: empty, too long, control characters, other bytes', () => {
    expect(rejectScanText('   ')).toBe('empty');
    expect(rejectScanText('A'.repeat(MAX_CODE_LENGTH + 1))).toBe('too_long');
    expect(rejectScanText('AB\u0000CD')).toBe('not_printable');
    expect(rejectScanText('AB\u001bCD')).toBe('not_printable');
    expect(rejectScanText('ÿþ\u0080x')).toBe('not_printable');
    expect(parseScan(']C1')).toEqual({ ok: false, reason: 'empty' });
  });

  it('never throws, and accepts exactly what a scanner can type (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const parsed = parseScan(text);
        if (parsed.ok) {
          expect(parsed.code.text.length).toBeGreaterThan(0);
          expect(parsed.code.text.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
          expect(rejectScanText(parsed.code.text)).toBeNull();
        }
      }),
    );
  });

  it('lists the stored spellings of a GTIN in each of its lengths', () => {
    expect(storedSpellings(code('0036000291452'))).toEqual(
      expect.arrayContaining(['036000291452', '0036000291452', '00036000291452']),
    );
  });
});

describe('parseGs1', () => {
  it('refuses a fixed-length field of the wrong length', () => {
    expect(parseGs1('(01)123')).toBeNull();
    expect(parseGs1('01123')).toBeNull();
  });
});
