import { dhlCheck, fedexCheck, s10Check, upsCheck, uspsCheck, withGs1Check } from './check-digits';

/**
 * The tracking numbers the sandbox issues (TikTok shipping) and checks (seller shipping), each in its carrier's form
 * with a valid check digit, and the GS1 codes of its catalogue.
 */

export type Carrier =
  | 'DHL'
  | 'UPS'
  | 'FedEx'
  | 'USPS'
  | 'EMS'
  | 'China Post'
  | 'Royal Mail'
  | 'Correios'
  | 'Parcelforce'
  | 'Evri'
  | 'DPD'
  | 'Yodel';

export const CARRIERS: readonly Carrier[] = [
  'DHL',
  'UPS',
  'FedEx',
  'USPS',
  'EMS',
  'China Post',
  'Royal Mail',
  'Correios',
  'Parcelforce',
  'Evri',
  'DPD',
  'Yodel',
];

/**
 * UK carriers that publish a number form but no check digit (parcelforce.com and evri.com help pages, DPD UK's parcel
 * number, Yodel's JD numbers): the form is all a marketplace can check.
 */
const FORM_ONLY: Partial<Record<Carrier, { pattern: RegExp; make: (digits: string) => string }>> = {
  Parcelforce: {
    pattern: /^[A-Z]{2}\d{7}$/,
    make: (d) => `P${String.fromCharCode(65 + (Number(d.slice(-9, -7)) % 26))}${d.slice(-7)}`,
  },
  Evri: { pattern: /^[0-9A-Z]{16}$/, make: (d) => `H${d.slice(-15)}` },
  DPD: { pattern: /^\d{14}$/, make: (d) => `15${d.slice(-12)}` },
  Yodel: { pattern: /^J?JD\d{16}$/, make: (d) => `JD${d.slice(-16)}` },
};

export const withGtinCheck = withGs1Check;

/** UPU S10 service letter and country of the postal carriers. */
const S10: Partial<Record<Carrier, { service: string; country: string }>> = {
  EMS: { service: 'E', country: 'CN' },
  'China Post': { service: 'R', country: 'CN' },
  'Royal Mail': { service: 'R', country: 'GB' },
  Correios: { service: 'O', country: 'BR' },
};

/** A tracking number in the carrier's form with a valid check digit, made from `serial` (its digits). */
export function trackingNumberFor(carrier: Carrier, serial: string): string {
  const digits = serial.replace(/\D/g, '').padStart(21, '0');
  const formOnly = FORM_ONLY[carrier];
  if (formOnly) return formOnly.make(digits);
  switch (carrier) {
    case 'UPS': {
      const body = `A${digits.slice(-5)}03${digits.slice(-12, -5)}`;
      return `1Z${body}${upsCheck(body)}`;
    }
    case 'FedEx': {
      const body = digits.slice(-11);
      return `${body}${fedexCheck(body)}`;
    }
    case 'USPS': {
      const body = `9400${digits.slice(-17)}`;
      return `${body}${uspsCheck(body)}`;
    }
    case 'DHL': {
      const body = digits.slice(-9);
      return `${body}${dhlCheck(body)}`;
    }
    default: {
      const { service, country } = S10[carrier]!;
      const letter = String.fromCharCode(65 + (Number(digits.slice(-10, -8)) % 26));
      const body = digits.slice(-8);
      return `${service}${letter}${body}${s10Check(body)}${country}`;
    }
  }
}

/** Whether `number` has the carrier's form and a right check digit (what a marketplace checks on upload). */
export function isValidTrackingNumber(carrier: Carrier, number: string): boolean {
  const n = number.trim().toUpperCase();
  const formOnly = FORM_ONLY[carrier];
  if (formOnly) return formOnly.pattern.test(n);
  switch (carrier) {
    case 'UPS':
      return /^1Z[0-9A-Z]{16}$/.test(n) && upsCheck(n.slice(2, 17)) === n[17];
    case 'FedEx':
      return /^\d{12}$/.test(n) && fedexCheck(n.slice(0, 11)) === n[11];
    case 'USPS':
      return /^9[2-5]\d{20}(\d{4})?$/.test(n) && uspsCheck(n.slice(0, -1)) === n.slice(-1);
    case 'DHL':
      return /^\d{10}$/.test(n) && dhlCheck(n.slice(0, 9)) === n[9];
    default: {
      const { service, country } = S10[carrier]!;
      return new RegExp(`^${service}[A-Z]\\d{9}${country}$`).test(n) && s10Check(n.slice(2, 10)) === n[10];
    }
  }
}

/** The carriers among `candidates` whose rules the number passes. */
export const carriersMatching = (number: string, candidates: readonly Carrier[] = CARRIERS): Carrier[] =>
  candidates.filter((carrier) => isValidTrackingNumber(carrier, number));
