/**
 * Weight units a parcel is weighed or typed in, with their size in grams. The pound and the ounce are the
 * international avoirdupois ones (1 lb = 453.59237 g exactly, 1 oz = 1/16 lb).
 */
export const GRAMS_PER_UNIT = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  ct: 0.2,
  gr: 0.06479891,
  dwt: 1.55517384,
  t: 1_000_000,
  ozt: 31.1034768,
  oz: 28.349523125,
  lb: 453.59237,
} as const;
export type WeightUnit = keyof typeof GRAMS_PER_UNIT;

/** The units a desk may type weights in without naming one (the scale.unit setting). */
export const DESK_UNITS = ['g', 'kg', 'oz', 'lb'] as const;
export type DeskUnit = (typeof DESK_UNITS)[number];

/** The heaviest parcel the station accepts (what carriers take as one piece, and what a label may print). */
export const MAX_PARCEL_GRAMS = 70_000;

export const toGrams = (value: number, unit: WeightUnit): number => value * GRAMS_PER_UNIT[unit];
