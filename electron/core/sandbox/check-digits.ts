/**
 * Check digits of the numbers the sandbox issues and checks, written from /work/shared/SHIPPING-FACTS.md (rules of
 * jkeen/tracking_number_data) and GS1's general specifications. Each function returns the check character for a
 * body, so one routine both completes a number and validates it.
 */

/** GS1 mod 10 (GTIN-8/12/13/14, EAN, UPC, JAN, ISBN-13): weights 3,1,... from the rightmost body digit. */
export function gs1Check(body: string): string {
  let total = 0;
  for (let i = 0; i < body.length; i += 1) total += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (total % 10)) % 10);
}

/** The data set's letter value: digits keep theirs, a letter is (ASCII code - 3) mod 10. */
const charValue = (char: string): number => (/[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 3) % 10);

/** UPS 1Z: over the 15 characters after "1Z", odd positions (1-based even index) doubled; no digit summing. */
export function upsCheck(body15: string): string {
  let total = 0;
  for (let i = 0; i < body15.length; i += 1) total += charValue(body15[i]!) * (i % 2 === 1 ? 2 : 1);
  return String((10 - (total % 10)) % 10);
}

/** FedEx Express 12 digits: weights 3,1,7 repeating from the left over the 11 body digits; sum mod 11 mod 10. */
export function fedexCheck(body11: string): string {
  const weights = [3, 1, 7];
  let total = 0;
  for (let i = 0; i < body11.length; i += 1) total += Number(body11[i]) * weights[i % 3]!;
  return String((total % 11) % 10);
}

/** USPS IMpb: weights 3,1,... from the rightmost data digit. Same arithmetic as GS1. */
export const uspsCheck = gs1Check;

/** DHL Express 10 digits: the first nine as one integer, mod 7. */
export function dhlCheck(body9: string): string {
  let remainder = 0;
  for (const char of body9) remainder = (remainder * 10 + Number(char)) % 7;
  return String(remainder);
}

/** UPU S10: weights 8,6,4,2,3,5,9,7 over 8 digits; 11 - (sum mod 11), 10 -> 0, 11 -> 5. */
export function s10Check(serial8: string): string {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let total = 0;
  for (let i = 0; i < 8; i += 1) total += Number(serial8[i]) * weights[i]!;
  const check = 11 - (total % 11);
  return String(check === 10 ? 0 : check === 11 ? 5 : check);
}

/** A GS1 key with its check digit appended. */
export const withGs1Check = (body: string): string => `${body}${gs1Check(body)}`;

/** True when the last digit of a GS1 key is right. */
export const gs1Valid = (code: string): boolean =>
  /^\d{8,14}$/.test(code) && gs1Check(code.slice(0, -1)) === code.slice(-1);
