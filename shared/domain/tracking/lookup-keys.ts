import { formatById } from './formats';
import { normalizeTracking } from './validate';

const IMPB = formatById('usps-impb')!;
const FEDEX_96 = formatById('fedex-ground-96')!;

/**
 * The spellings under which a scanned tracking or waybill barcode may be stored on a package: the normalised
 * number; without the USPS 420 + ZIP routing the barcode carries; and for a FedEx Ground 96 barcode the 15-digit
 * number FedEx tracks it by (shipper, package and check digits). Stored numbers are compared normalised the same way.
 */
export function trackingLookupKeys(raw: string): string[] {
  const number = normalizeTracking(raw);
  if (!number) return [];
  const keys = [number];
  for (const pattern of [IMPB.pattern, ...(IMPB.alternatives ?? [])]) {
    const impb = pattern.exec(number)?.groups;
    if (impb?.prefix) keys.push(impb.body! + impb.check!);
  }
  if (FEDEX_96.pattern.test(number)) keys.push(number.slice(-15));
  return keys;
}
