/**
 * Check-digit routines of the carriers' tracking numbers, as published with jkeen/tracking_number_data
 * (CHECKSUM_ALGORITHMS.md). Each returns the expected check character for a serial, so the same function both
 * validates a number and completes one issued from a range.
 */

/** A digit keeps its value; a letter counts as (ASCII code - 3) mod 10 (A=2 ... H=9, I=0, J=1). */
function charValue(char: string): number {
  return /[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 3) % 10;
}

/**
 * The data set's "mod10": walks the serial from the left, multiplying characters at odd 0-based indexes by
 * `odds` and at even ones by `evens`; the check is what brings the sum to a multiple of 10 (no Luhn digit sums).
 */
export function mod10(serial: string, evens: number, odds: number): string {
  let total = 0;
  for (let i = 0; i < serial.length; i += 1) total += charValue(serial[i]!) * (i % 2 === 1 ? odds : evens);
  return String((10 - (total % 10)) % 10);
}

/** USPS IMpb: weights 3, 1, 3, ... counted from the rightmost data digit, whatever the serial's length. */
export function mod10FromRight(serial: string): string {
  let total = 0;
  for (let i = 0; i < serial.length; i += 1) total += Number(serial[serial.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (total % 10)) % 10);
}

/** FedEx Express 12: weights 3, 1, 7 repeating; the sum mod 11, then mod 10. */
export function weightedMod11Mod10(serial: string, weights: readonly number[]): string {
  let total = 0;
  for (let i = 0; i < serial.length; i += 1) total += Number(serial[i]) * weights[i % weights.length]!;
  return String((total % 11) % 10);
}

/** DHL Express 10-digit: the first nine digits as one integer, mod 7. */
export function mod7(serial: string): string {
  let remainder = 0;
  for (const char of serial) remainder = (remainder * 10 + Number(char)) % 7;
  return String(remainder);
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10: weights 8,6,4,2,3,5,9,7 over the 8 serial digits; C = 11 - (S mod 11), where 10 becomes 0 and 11 becomes 5. */
export function s10Check(serial: string): string {
  let total = 0;
  for (let i = 0; i < S10_WEIGHTS.length; i += 1) total += Number(serial[i]) * S10_WEIGHTS[i]!;
  const check = 11 - (total % 11);
  return String(check === 10 ? 0 : check === 11 ? 5 : check);
}

const MOD36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * ISO 7064 Mod 37,36 (hybrid), as the DPD parcel label specification uses it for its barcode's check character
 * (jkeen/tracking_number_data `mod_37_36`): digits count 0-9 and letters 10-35; the check is a digit or a letter.
 */
export function mod37_36(serial: string): string {
  const mod = 36;
  let product = mod;
  for (const char of serial) {
    product += MOD36_ALPHABET.indexOf(char);
    if (product > mod) product -= mod;
    product *= 2;
    if (product > mod) product -= mod + 1;
  }
  const check = (mod + 1 - product) % mod;
  return MOD36_ALPHABET[check]!;
}
