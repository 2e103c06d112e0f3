import { z } from 'zod';
import { formatById, type TrackingFormat } from './formats';
import { validateTracking } from './validate';

/**
 * A block of tracking numbers a carrier assigned to the seller (e.g. an S10 range EE000000000CN-EE099999999CN from
 * EMS). A number is `prefix + serial (zero-padded to serialWidth) + check + suffix`; `next` is the serial to issue.
 */
export const NumberRange = z.object({
  formatId: z.string(),
  carrier: z.string().min(1),
  prefix: z.string().regex(/^[0-9A-Z]*$/, 'prefix: upper-case letters and digits only'),
  suffix: z
    .string()
    .regex(/^[A-Z]*$/, 'suffix: upper-case letters only')
    .default(''),
  // 15 digits stay exact in a JS number; the fixed part of longer numbers goes in the prefix.
  serialWidth: z.number().int().min(1).max(15),
  first: z.number().int().min(0),
  last: z.number().int().min(0),
  next: z.number().int().min(0),
});
export type NumberRange = z.infer<typeof NumberRange>;

export function composeNumber(
  format: TrackingFormat,
  prefix: string,
  serial: number,
  serialWidth: number,
  suffix: string,
): string {
  const body = prefix + String(serial).padStart(serialWidth, '0');
  return body + (format.checkFor ? format.checkFor(format.checked(body)) : '') + suffix;
}

/** Why a range cannot issue numbers, or null when it can: checked once when it is saved, not at every label. */
export function rangeProblem(range: NumberRange): string | null {
  const format = formatById(range.formatId);
  if (!format) return `Unknown tracking-number format ${range.formatId}.`;
  if (range.first > range.last) return `The range starts after it ends (${range.first} > ${range.last}).`;
  if (range.next < range.first || range.next > range.last + 1)
    return `The next serial ${range.next} is outside ${range.first}-${range.last}.`;
  if (String(range.last).length > range.serialWidth)
    return `The last serial ${range.last} has more than ${range.serialWidth} digits.`;
  for (const serial of [range.first, range.last]) {
    const number = composeNumber(format, range.prefix, serial, range.serialWidth, range.suffix);
    const check = validateTracking(range.carrier, number);
    if (!check.ok) return `The range does not give valid numbers for ${range.carrier}: ${check.reason}`;
    if (check.format.id !== format.id) return `${number} reads as ${check.format.name}, not ${format.name}.`;
  }
  return null;
}

export type Issued = { ok: true; number: string; range: NumberRange } | { ok: false; reason: string };

/** Issues the range's next number with its check digit, and the range as it is afterwards. */
export function issueNext(range: NumberRange): Issued {
  const problem = rangeProblem(range);
  if (problem) return { ok: false, reason: problem };
  if (range.next > range.last) {
    return {
      ok: false,
      reason: `The ${range.carrier} number range ${range.prefix}…${range.suffix} is used up: ask the carrier for a new range.`,
    };
  }
  const format = formatById(range.formatId)!;
  return {
    ok: true,
    number: composeNumber(format, range.prefix, range.next, range.serialWidth, range.suffix),
    range: { ...range, next: range.next + 1 },
  };
}
