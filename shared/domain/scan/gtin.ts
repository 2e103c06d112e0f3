/** GS1 check digit (mod 10, weights 3 and 1 from the rightmost data digit) of a string of digits. */
export function gs1CheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * The 14-digit form of a valid GTIN-8, UPC-A (GTIN-12), EAN-13 or GTIN-14, else null. Padding to 14 digits is what
 * makes a UPC-A and its EAN-13 form (the same digits with a leading 0) one item.
 */
export function toGtin14(digits: string): string | null {
  if (!GTIN_LENGTHS.has(digits.length) || !/^\d+$/.test(digits)) return null;
  const check = digits.charCodeAt(digits.length - 1) - 48;
  if (gs1CheckDigit(digits.slice(0, -1)) !== check) return null;
  return digits.padStart(14, '0');
}
