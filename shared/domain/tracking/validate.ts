import { GROUP_SEPARATOR } from '../scan/gs1';
import { CARRIER_NAMES, CARRIERS, carrierFor, type CarrierId } from './carriers';
import type { TrackingFormat } from './formats';
import { CARRIER_RULES, type CarrierFormat } from './rules';

export interface ValidTracking {
  ok: true;
  carrier: CarrierId;
  format: TrackingFormat;
  /** The tracking number as the carrier tracks it: upper case, no spaces, no routing prefix. */
  number: string;
  /** USPS 420 + ZIP routing, which belongs in the barcode but not in the tracking number. */
  routing: string;
  /** Whether a check character confirmed the number; false where the carrier publishes none (shape only). */
  checkDigit: boolean;
}

export interface InvalidTracking {
  ok: false;
  reason: string;
}

export type TrackingCheck = ValidTracking | InvalidTracking;

// AIM symbology identifier ("]C1" for GS1-128) that scanners may send first, and the GS1 group separator.
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Scanners and people add spaces, dashes, lower case, a symbology identifier or a GS1 separator; carriers ignore them. */
export function normalizeTracking(raw: string): string {
  return raw
    .trim()
    .replace(AIM_PREFIX, '')
    .split(GROUP_SEPARATOR)
    .join('')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}

/** Checks a normalised number against one shape: null when the shape does not fit, else the verdict. */
export function checkAgainst(carrier: CarrierId, rule: CarrierFormat, number: string): TrackingCheck | null {
  let refusal: TrackingCheck | null = null;
  for (const pattern of [rule.format.pattern, ...(rule.format.alternatives ?? [])]) {
    const groups = pattern.exec(number)?.groups;
    if (!groups) continue;
    const result = verdict(carrier, rule, number, groups);
    if (result.ok) return result;
    refusal ??= result;
  }
  return refusal;
}

function verdict(
  carrier: CarrierId,
  { format, only }: CarrierFormat,
  number: string,
  groups: Record<string, string>,
): TrackingCheck {
  const { body = '', check = '', suffix = '', prefix = '' } = groups;
  if (format.checkFor) {
    const expected = format.checkFor(format.checked(body));
    if (expected !== check) {
      return {
        ok: false,
        reason: `${number} is not a valid ${format.name} number: its check digit is ${check} but should be ${expected}. A character was mistyped or misread; scan it again.`,
      };
    }
  }
  const tracked = body + check + suffix;
  if (only && !only.pattern.test(tracked)) {
    return {
      ok: false,
      reason: `${tracked} is a ${format.name} number, but not ${CARRIER_NAMES[carrier]}'s: ${only.shape}.`,
    };
  }
  return { ok: true, carrier, format, number: tracked, routing: prefix, checkDigit: format.checkFor !== null };
}

/** Validates a tracking number with its carrier's rules, check digit included; a refusal says why in words. */
export function validateTracking(carrierName: string | null | undefined, raw: string): TrackingCheck {
  const carrier = carrierFor(carrierName);
  if (!carrier) {
    const known = CARRIERS.map((id) => CARRIER_NAMES[id]).join(', ');
    return {
      ok: false,
      reason: `Packbench has no tracking-number rule for carrier "${carrierName ?? ''}". Known carriers: ${known}.`,
    };
  }
  const number = normalizeTracking(raw);
  if (!number) return { ok: false, reason: 'The tracking number is empty.' };
  const rules = CARRIER_RULES[carrier];
  let refusal: InvalidTracking | null = null;
  for (const rule of rules) {
    const result = checkAgainst(carrier, rule, number);
    if (result?.ok) return result;
    refusal ??= result;
  }
  if (refusal) return refusal;
  const shapes = rules
    .map(({ format, only }) => `${format.name}: ${format.shape}${only ? ` (${only.shape})` : ''}`)
    .join('; ');
  return {
    ok: false,
    reason: `${number} (${number.length} characters) does not look like a ${CARRIER_NAMES[carrier]} tracking number (${shapes}).`,
  };
}
