import { CARRIER_NAMES, CARRIERS, carrierFor, formatsOf, type CarrierId, type TrackingFormat } from './formats';

export interface ValidTracking {
  ok: true;
  carrier: CarrierId;
  format: TrackingFormat;
  /** The tracking number as the carrier tracks it: upper case, no spaces, no routing prefix. */
  number: string;
  /** USPS 420 + ZIP routing, which belongs in the barcode but not in the tracking number. */
  routing: string;
}

export interface InvalidTracking {
  ok: false;
  reason: string;
}

export type TrackingCheck = ValidTracking | InvalidTracking;

/** Scanners and people add spaces, dashes and lower case; carriers ignore them. */
export function normalizeTracking(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}

function checkAgainst(format: TrackingFormat, number: string): TrackingCheck | null {
  const match = format.pattern.exec(number);
  if (!match?.groups) return null;
  const { body = '', check = '', suffix = '', prefix = '' } = match.groups;
  const expected = format.checkFor(format.checked(body));
  if (expected !== check) {
    return {
      ok: false,
      reason: `${number} is not a valid ${format.name} number: its check digit is ${check} but should be ${expected}. A character was mistyped or misread; scan it again.`,
    };
  }
  return { ok: true, carrier: format.carrier, format, number: body + check + suffix, routing: prefix };
}

/** Validates a tracking number with its carrier's rule, check digit included; a refusal says why in words. */
export function validateTracking(carrierName: string | null | undefined, raw: string): TrackingCheck {
  const carrier = carrierFor(carrierName);
  if (!carrier) {
    const known = CARRIERS.map((id) => CARRIER_NAMES[id]).join(', ');
    return { ok: false, reason: `Packbench has no tracking-number rule for carrier "${carrierName ?? ''}". Known carriers: ${known}.` };
  }
  const number = normalizeTracking(raw);
  if (!number) return { ok: false, reason: 'The tracking number is empty.' };
  const formats = formatsOf(carrier);
  let refusal: InvalidTracking | null = null;
  for (const format of formats) {
    const result = checkAgainst(format, number);
    if (result?.ok) return result;
    refusal ??= result;
  }
  if (refusal) return refusal;
  const shapes = formats.map((format) => `${format.name}: ${format.shape}`).join('; ');
  return { ok: false, reason: `${number} (${number.length} characters) does not look like a ${CARRIER_NAMES[carrier]} tracking number (${shapes}).` };
}
