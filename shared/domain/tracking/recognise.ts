import type { CarrierId } from './carriers';
import { formatById } from './formats';
import { checkAgainst, normalizeTracking, type ValidTracking } from './validate';

export interface RecognisedTracking extends ValidTracking {
  /** The ISO country of the post that issued an S10 number; null for other shapes. */
  country: string | null;
}

const IMPB = { format: formatById('usps-impb')!, only: null };
const UPS_1Z = { format: formatById('ups-1z')!, only: null };
const S10 = { format: formatById('upu-s10')!, only: null };

/** The post an S10 number belongs to, from its country code (and for China its service letter: E is EMS). */
function postOf(number: string): CarrierId {
  const country = number.slice(-2);
  if (country === 'GB') return 'ROYAL_MAIL';
  if (country === 'US') return 'USPS';
  if (country === 'CN') return number.startsWith('E') ? 'EMS' : /^[CRL]/.test(number) ? 'CHINA_POST' : 'UPU';
  return 'UPU';
}

/**
 * The carrier of a tracking number from its format alone, where the format makes that unambiguous and the check
 * digit confirms it: USPS IMpb, UPS 1Z, and UPU S10 (its country's post). Anything else (FedEx's and DHL's plain
 * digits, the UK couriers' numbers without a check digit) is null: the marketplace or the desk must name the carrier.
 * A GB S10 number is read as Royal Mail's, the group that also runs Parcelforce's exports.
 */
export function recogniseCarrier(raw: string): RecognisedTracking | null {
  const number = normalizeTracking(raw);
  const usps = checkAgainst('USPS', IMPB, number);
  if (usps?.ok) return { ...usps, country: null };
  const ups = checkAgainst('UPS', UPS_1Z, number);
  if (ups?.ok) return { ...ups, country: null };
  const s10 = checkAgainst('UPU', S10, number);
  if (s10?.ok) return { ...s10, carrier: postOf(s10.number), country: s10.number.slice(-2) };
  return null;
}
