/**
 * The numbers the sandbox marketplace issues and checks: GTIN check digits for product barcodes, and carrier tracking
 * numbers with their check digits (rules from /work/shared/SHIPPING-FACTS.md), so what the station receives from the
 * sandbox would pass a real carrier's validation.
 */

/** GS1 check digit for the digits of a GTIN-8/12/13/14 without its last digit. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const fromRight = body.length - i;
    sum += Number(body[i]) * (fromRight % 2 === 1 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export const withGtinCheck = (body: string): string => `${body}${gtinCheckDigit(body)}`;

/** UPU S10 check digit over 8 serial digits (weights 8,6,4,2,3,5,9,7). */
function s10Check(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** The shared "mod10" of the tracking-number data: letters map to (ASCII - 3) mod 10. */
function mod10(serial: string, evenMultiplier: number, oddMultiplier: number): number {
  let sum = 0;
  for (let i = 0; i < serial.length; i += 1) {
    const ch = serial[i]!;
    const value = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 3) % 10;
    sum += value * (i % 2 === 0 ? oddMultiplier : evenMultiplier);
  }
  return (10 - (sum % 10)) % 10;
}

/** USPS IMpb: weights 3,1 from the rightmost data digit. */
function uspsCheck(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

function fedexCheck(body: string): number {
  const weights = [3, 1, 7];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i % 3]!, 0);
  return (sum % 11) % 10;
}

export type Carrier = 'DHL' | 'UPS' | 'FedEx' | 'USPS' | 'EMS' | 'China Post' | 'Royal Mail';

const S10_PREFIX: Partial<Record<Carrier, { service: string; country: string }>> = {
  EMS: { service: 'E', country: 'CN' },
  'China Post': { service: 'R', country: 'CN' },
  'Royal Mail': { service: 'R', country: 'GB' },
};

/** A tracking number in the carrier's format with a valid check digit, from `serial` (digits). */
export function trackingNumberFor(carrier: Carrier, serial: string): string {
  const digits = serial.replace(/\D/g, '').padStart(21, '0');
  switch (carrier) {
    case 'UPS': {
      const body = `1ZA${digits.slice(-5)}03${digits.slice(-7, -5)}${digits.slice(-13, -7)}`.slice(0, 17);
      return `${body}${mod10(body.slice(2), 2, 1)}`;
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
      return `${body}${Number(body) % 7}`;
    }
    default: {
      const { service, country } = S10_PREFIX[carrier]!;
      const letter = String.fromCharCode(65 + (Number(digits.slice(-10, -8)) % 26));
      const body = digits.slice(-8);
      return `${service}${letter}${body}${s10Check(body)}${country}`;
    }
  }
}

/** Whether a tracking number has the carrier's form and check digit (what the marketplace checks on upload). */
export function isValidTrackingNumber(carrier: Carrier, trackingNumber: string): boolean {
  const n = trackingNumber.trim().toUpperCase();
  switch (carrier) {
    case 'UPS':
      return /^1Z[0-9A-Z]{16}$/.test(n) && mod10(n.slice(2, 17), 2, 1) === Number(n[17]);
    case 'FedEx':
      return /^\d{12}$/.test(n) && fedexCheck(n.slice(0, 11)) === Number(n[11]);
    case 'USPS':
      return /^9[2-5]\d{20}$/.test(n) && uspsCheck(n.slice(0, 21)) === Number(n[21]);
    case 'DHL':
      return /^\d{10}$/.test(n) && Number(n.slice(0, 9)) % 7 === Number(n[9]);
    default:
      return /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(n) && s10Check(n.slice(2, 10)) === Number(n[10]);
  }
}
