import { MAX_PARCEL_GRAMS, toGrams, type DeskUnit } from './units';

/** Words a packer types for each unit, in English and Chinese; matched without case. */
const UNIT_WORDS: Record<DeskUnit, readonly string[]> = {
  g: ['g', 'gr', 'gram', 'grams', 'gramme', 'grammes', '克'],
  kg: ['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', '公斤', '千克'],
  oz: ['oz', 'ounce', 'ounces', '盎司'],
  lb: ['lb', 'lbs', 'pound', 'pounds', '磅'],
};
const UNIT_BY_WORD = new Map(
  Object.entries(UNIT_WORDS).flatMap(([unit, words]) => words.map((word) => [word, unit as DeskUnit])),
);

export const TYPED_REFUSALS = ['empty', 'not_a_weight', 'unknown_unit', 'zero', 'too_heavy'] as const;
export type TypedRefusal = (typeof TYPED_REFUSALS)[number];
export type TypedWeight = { ok: true; grams: number } | { ok: false; code: TypedRefusal; unit?: string };

/** One number (decimal point or comma) and the word after it, if any. */
const PART = /(\d+(?:[.,]\d+)?|[.,]\d+)\s*([^\d\s.,]*)/gy;

/**
 * A weight as a packer types it: "1.25 kg", "850 g", "2 lb 3 oz", "1,5kg", "850" (in the desk's unit). Parts add
 * up; only a lone number may leave its unit out. Whole grams, above zero, at most 70 kg.
 */
export function parseTypedWeight(text: string, deskUnit: DeskUnit): TypedWeight {
  const input = text.trim().toLowerCase();
  if (!input) return { ok: false, code: 'empty' };
  const parts: Array<{ value: number; word: string }> = [];
  PART.lastIndex = 0;
  let at = 0;
  while (at < input.length) {
    PART.lastIndex = at;
    const match = PART.exec(input);
    if (!match) return { ok: false, code: 'not_a_weight' };
    parts.push({ value: Number(match[1]!.replace(',', '.')), word: match[2]! });
    at = PART.lastIndex;
    while (input[at] === ' ') at += 1;
  }
  let grams = 0;
  for (const part of parts) {
    if (!part.word && parts.length > 1) return { ok: false, code: 'not_a_weight' };
    const unit = part.word ? UNIT_BY_WORD.get(part.word) : deskUnit;
    if (!unit) return { ok: false, code: 'unknown_unit', unit: part.word };
    grams += toGrams(part.value, unit);
  }
  const whole = Math.round(grams);
  if (whole <= 0) return { ok: false, code: 'zero' };
  if (whole > MAX_PARCEL_GRAMS) return { ok: false, code: 'too_heavy' };
  return { ok: true, grams: whole };
}

/** Grams as the bench shows them: grams below a kilogram, kilograms with two decimals above. */
export function formatGrams(grams: number): { value: string; unit: 'g' | 'kg' } {
  return grams < 1000 ? { value: String(grams), unit: 'g' } : { value: (grams / 1000).toFixed(2), unit: 'kg' };
}
