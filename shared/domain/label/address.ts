import type { Address } from '../orders/order';

/** Countries that write the postal code before the city (Google libaddressinput `fmt`: %Z %C). */
const POSTAL_CODE_FIRST = new Set([
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'BE',
  'AT',
  'CH',
  'SE',
  'NO',
  'DK',
  'FI',
  'PL',
  'PT',
  'CZ',
  'SK',
  'HU',
  'RU',
  'UA',
  'TR',
  'SA',
  'AE',
  'MX',
  'BR',
  'CN',
  'TW',
  'VN',
  'ID',
  'IL',
]);

let regionNames: Intl.DisplayNames | null = null;

function countryName(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The city / region / postal-code line in the order the destination country writes it. */
function localityLine(address: Pick<Address, 'city' | 'region' | 'postalCode' | 'countryCode'>): string {
  const { city, region, postalCode, countryCode } = address;
  const parts = POSTAL_CODE_FIRST.has(countryCode.toUpperCase())
    ? [postalCode, city, region]
    : [city, region, postalCode];
  return parts.filter((part) => part.trim() !== '').join(' ');
}

/** Street lines, locality and country (in capitals, as posts ask), without the name. */
export function addressLines(
  address: Pick<Address, 'company' | 'lines' | 'city' | 'region' | 'postalCode' | 'countryCode'>,
): string[] {
  return [
    address.company,
    ...address.lines,
    localityLine(address),
    `${countryName(address.countryCode).toUpperCase()} (${address.countryCode.toUpperCase()})`,
  ].filter((line) => line.trim() !== '');
}
