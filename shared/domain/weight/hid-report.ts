import { GRAMS_PER_UNIT, type WeightUnit } from './units';

/**
 * USB HID point-of-sale scales (usage page 0x8D, "Scales", in the HID Point of Sale Usage Tables) send a Scale Data
 * Report: report id, status, weight unit, a signed base-ten exponent and the weight as an unsigned 16-bit
 * little-endian integer. Dymo, Stamps.com, Mettler Toledo, Fairbanks and most postal scales send exactly this.
 */
export const SCALE_USAGE_PAGE = 0x8d;
/** The Scale Data Report's id; a few scales send their readings in the Scale Status Report (4), same layout. */
export const SCALE_DATA_REPORT = 3;
const SCALE_REPORT_IDS = [SCALE_DATA_REPORT, 4] as const;
const SCALE_REPORT_LENGTH = 6;

/** Status byte values (Scale Status usages 0x70-0x77 of the tables, numbered from 1). */
export const SCALE_STATES = {
  1: 'fault',
  2: 'zero',
  3: 'in_motion',
  4: 'stable',
  5: 'under_zero',
  6: 'over_capacity',
  7: 'calibrate',
  8: 'rezero',
} as const;
export type ScaleState = (typeof SCALE_STATES)[keyof typeof SCALE_STATES];

/**
 * Unit byte values (Weight Unit usages 0x51-0x5C, numbered from 1). Taels (5) and avoirdupois tons (9) are left out
 * on purpose: a tael is 37.5 g or 50 g depending on the region, and a ton is short or long; neither weighs a parcel.
 */
const SCALE_UNITS: Readonly<Record<number, WeightUnit>> = {
  1: 'mg',
  2: 'g',
  3: 'kg',
  4: 'ct',
  6: 'gr',
  7: 'dwt',
  8: 't',
  10: 'ozt',
  11: 'oz',
  12: 'lb',
};
const UNIT_CODES = Object.fromEntries(
  Object.entries(SCALE_UNITS).map(([code, unit]) => [unit, Number(code)]),
) as Record<WeightUnit, number>;

export interface ScaleReading {
  /** The weight in whole grams (the magnitude: an under-zero reading says so in its state). */
  grams: number;
  state: ScaleState;
  /** The unit the scale displays, so the bench can show what the packer sees on the scale. */
  unit: WeightUnit;
}

export type ReportRefusal = 'short' | 'report_id' | 'status' | 'unit' | 'exponent';
export type ParsedReport = { ok: true; reading: ScaleReading } | { ok: false; code: ReportRefusal };

/** Decimal exponents a real scale uses; anything else is a corrupt report, not a weight. */
const EXPONENT_RANGE = 6;

/**
 * Reads one report, report id first (WebHID hands the id apart from the data: put it back in front). Bytes after
 * the sixth (padding some scales send) are ignored.
 */
export function parseScaleReport(bytes: ArrayLike<number>): ParsedReport {
  if (bytes.length < SCALE_REPORT_LENGTH) return { ok: false, code: 'short' };
  if (!(SCALE_REPORT_IDS as readonly number[]).includes(bytes[0]!)) return { ok: false, code: 'report_id' };
  const state = SCALE_STATES[bytes[1] as keyof typeof SCALE_STATES];
  if (!state) return { ok: false, code: 'status' };
  const unit = SCALE_UNITS[bytes[2]!];
  if (!unit) return { ok: false, code: 'unit' };
  const exponent = bytes[3]! > 127 ? bytes[3]! - 256 : bytes[3]!;
  if (Math.abs(exponent) > EXPONENT_RANGE) return { ok: false, code: 'exponent' };
  const raw = bytes[4]! | (bytes[5]! << 8);
  const grams = Math.round(raw * 10 ** exponent * GRAMS_PER_UNIT[unit]);
  return { ok: true, reading: { grams, state, unit } };
}

export interface ReportFields {
  state: ScaleState;
  unit: WeightUnit;
  exponent: number;
  /** The unsigned 16-bit weight before the exponent is applied. */
  raw: number;
}

/** The bytes a scale sends for these fields (report id 3): what the virtual scale sends and tests feed the parser. */
export function encodeScaleReport(fields: ReportFields): Uint8Array {
  const status = Number(Object.entries(SCALE_STATES).find(([, state]) => state === fields.state)![0]);
  const raw = Math.max(0, Math.min(0xffff, Math.round(fields.raw)));
  return Uint8Array.from([
    SCALE_DATA_REPORT,
    status,
    UNIT_CODES[fields.unit],
    fields.exponent & 0xff,
    raw & 0xff,
    raw >> 8,
  ]);
}

/** The resolution a postal scale shows in each unit: 1 g, 1 g in kg, 0.1 oz, 0.01 lb. */
const DISPLAY_EXPONENT: Record<'g' | 'kg' | 'oz' | 'lb', number> = { g: 0, kg: -3, oz: -1, lb: -2 };

/** A reading as a postal scale of that unit reports it: the coarsest exponent that still fits 16 bits. */
export function reportFor(grams: number, state: ScaleState, unit: 'g' | 'kg' | 'oz' | 'lb'): Uint8Array {
  let exponent = DISPLAY_EXPONENT[unit];
  let raw = Math.round(grams / GRAMS_PER_UNIT[unit] / 10 ** exponent);
  while (raw > 0xffff) {
    exponent += 1;
    raw = Math.round(grams / GRAMS_PER_UNIT[unit] / 10 ** exponent);
  }
  return encodeScaleReport({ state, unit, exponent, raw });
}
