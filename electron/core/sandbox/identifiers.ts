import { gs1CheckDigit } from '../../../shared/domain/scan/gtin';
import { mod10, mod10FromRight, mod7, s10Check, weightedMod11Mod10 } from '../../../shared/domain/tracking/check-digits';
import { validateTracking } from '../../../shared/domain/tracking/validate';

/**
 * The numbers the sandbox marketplace issues and checks, with the same check-digit rules the station applies, so
 * what the station receives from the sandbox would pass a real carrier's validation.
 */

export const withGtinCheck = (body: string): string => `${body}${gs1CheckDigit(body)}`;

export type Carrier = 'DHL' | 'UPS' | 'FedEx' | 'USPS' | 'EMS' | 'China Post' | 'Royal Mail';

const S10_PREFIX: Partial<Record<Carrier, { service: string; country: string }>> = {
  EMS: { service: 'E', country: 'CN' },
  'China Post': { service: 'R', country: 'CN' },
  'Royal Mail': { service: 'R', country: 'GB' },
};

/** A tracking number in the carrier's format with a valid check digit, made from `serial` (digits). */
export function trackingNumberFor(carrier: Carrier, serial: string): string {
  const digits = serial.replace(/\D/g, '').padStart(21, '0');
  switch (carrier) {
    case 'UPS': {
      const body = `1ZA${digits.slice(-5)}03${digits.slice(-12, -5)}`;
      return `${body}${mod10(body.slice(2), 1, 2)}`;
    }
    case 'FedEx': {
      const body = digits.slice(-11);
      return `${body}${weightedMod11Mod10(body, [3, 1, 7])}`;
    }
    case 'USPS': {
      const body = `9400${digits.slice(-17)}`;
      return `${body}${mod10FromRight(body)}`;
    }
    case 'DHL': {
      const body = digits.slice(-9);
      return `${body}${mod7(body)}`;
    }
    default: {
      const { service, country } = S10_PREFIX[carrier]!;
      const letter = String.fromCharCode(65 + (Number(digits.slice(-10, -8)) % 26));
      const body = digits.slice(-8);
      return `${service}${letter}${body}${s10Check(body)}${country}`;
    }
  }
}

/** What the marketplace checks when a seller uploads a tracking number: the carrier's form and check digit. */
export function isValidTrackingNumber(carrier: Carrier, trackingNumber: string): boolean {
  return validateTracking(carrier, trackingNumber).ok;
}
