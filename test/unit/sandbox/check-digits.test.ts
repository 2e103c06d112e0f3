import { describe, expect, it } from 'vitest';
import {
  dhlCheck,
  fedexCheck,
  gs1Check,
  gs1Valid,
  s10Check,
  upsCheck,
  uspsCheck,
} from '../../../electron/core/sandbox/check-digits';
import { CATALOGUE } from '../../../electron/core/sandbox/catalogue';
import {
  CARRIERS,
  carriersMatching,
  isValidTrackingNumber,
  trackingNumberFor,
  type Carrier,
} from '../../../electron/core/sandbox/identifiers';

/** UK carriers without a published check digit: only their form is checked. */
const FORM_ONLY_CARRIERS: readonly Carrier[] = ['Parcelforce', 'Evri', 'DPD', 'Yodel'];

describe('sandbox check digits', () => {
  it('agree with the valid examples of SHIPPING-FACTS.md', () => {
    expect(upsCheck('999AA1012345678')).toBe('4');
    expect(upsCheck('5R8939035756712')).toBe('7');
    expect(fedexCheck('98657878885')).toBe('5');
    expect(uspsCheck('940011120620640626078')).toBe('7');
    expect(dhlCheck('331881002')).toBe('5');
    expect(s10Check('12345678')).toBe('5');
  });

  it('agree with published GS1 codes (EAN-13, UPC-A, ISBN-13, JAN)', () => {
    expect(gs1Check('400638133393')).toBe('1');
    expect(gs1Check('03600029145')).toBe('2');
    expect(gs1Check('978030640615')).toBe('7');
    expect(gs1Check('490123456789')).toBe('4');
    expect(gs1Valid('4006381333931')).toBe(true);
    expect(gs1Valid('4006381333932')).toBe(false);
  });

  it('issue numbers every carrier accepts, and that fail with their check digit changed (or their form broken)', () => {
    for (const carrier of CARRIERS) {
      for (const serial of ['1', '4242424242', '98765432109876543210']) {
        const number = trackingNumberFor(carrier, serial);
        expect(isValidTrackingNumber(carrier, number), `${carrier} ${number}`).toBe(true);
        expect(isValidTrackingNumber(carrier, `${number}0`), `${carrier} ${number}0`).toBe(false);
        if (FORM_ONLY_CARRIERS.includes(carrier)) continue;
        // The check digit is the last digit in every form (S10 ends in its country letters).
        const i = number.search(/\d(?=\D*$)/);
        const broken = `${number.slice(0, i)}${(Number(number[i]) + 1) % 10}${number.slice(i + 1)}`;
        expect(isValidTrackingNumber(carrier, broken), `${carrier} ${broken}`).toBe(false);
      }
    }
    expect(carriersMatching('1Z999AA10123456784')).toEqual(['UPS']);
    expect(carriersMatching('EE123456785CN')).toEqual(['EMS']);
  });

  it('give every catalogue barcode a valid GS1 check digit and the length of its type', () => {
    const lengths = { UPC: 12, EAN: 13, JAN: 13, ISBN: 13, GTIN: 14 } as const;
    const types = new Set<string>();
    for (const skus of CATALOGUE.values()) {
      for (const { barcode } of skus) {
        if (!barcode) continue;
        types.add(barcode.type);
        expect(gs1Valid(barcode.code), barcode.code).toBe(true);
        expect(barcode.code).toHaveLength(lengths[barcode.type]);
        if (barcode.type === 'JAN') expect(barcode.code).toMatch(/^4[59]/);
        if (barcode.type === 'ISBN') expect(barcode.code).toMatch(/^97[89]/);
      }
    }
    expect([...types].sort()).toEqual(['EAN', 'GTIN', 'ISBN', 'JAN', 'UPC']);
  });
});
