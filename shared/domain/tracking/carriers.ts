/**
 * The carriers Packbench has tracking-number rules for: those of the markets served (US: USPS, UPS, FedEx, DHL
 * Express, DHL eCommerce; UK: Royal Mail, Parcelforce, Evri, DPD, Yodel; China: China Post, EMS) and any other
 * post by its UPU S10 numbers.
 */
export const CARRIERS = [
  'USPS',
  'UPS',
  'FEDEX',
  'DHL',
  'DHL_ECOMMERCE',
  'ROYAL_MAIL',
  'PARCELFORCE',
  'EVRI',
  'DPD',
  'YODEL',
  'CHINA_POST',
  'EMS',
  'UPU',
] as const;
export type CarrierId = (typeof CARRIERS)[number];

export const CARRIER_NAMES: Record<CarrierId, string> = {
  USPS: 'USPS',
  UPS: 'UPS',
  FEDEX: 'FedEx',
  DHL: 'DHL Express',
  DHL_ECOMMERCE: 'DHL eCommerce',
  ROYAL_MAIL: 'Royal Mail',
  PARCELFORCE: 'Parcelforce',
  EVRI: 'Evri',
  DPD: 'DPD',
  YODEL: 'Yodel',
  CHINA_POST: 'China Post',
  EMS: 'EMS',
  UPU: 'UPU S10 post',
};

/** Names as marketplaces and sellers write them, reduced to lower-case letters and digits: exact matches first. */
const ALIASES: Record<string, CarrierId> = {
  unitedparcelservice: 'UPS',
  federalexpress: 'FEDEX',
  unitedstatespostalservice: 'USPS',
  dhl: 'DHL',
  dhlexpress: 'DHL',
  dhlecommerce: 'DHL_ECOMMERCE',
  dhlecommercesolutions: 'DHL_ECOMMERCE',
  dhlglobalmail: 'DHL_ECOMMERCE',
  hermes: 'EVRI',
  myhermes: 'EVRI',
  hermesuk: 'EVRI',
  ems: 'EMS',
  chinaems: 'EMS',
  chinapostems: 'EMS',
  upu: 'UPU',
  s10: 'UPU',
  upus10: 'UPU',
  japanpost: 'UPU',
  koreapost: 'UPU',
  laposte: 'UPU',
  postnl: 'UPU',
  singpost: 'UPU',
  auspost: 'UPU',
  australiapost: 'UPU',
  canadapost: 'UPU',
  deutschepost: 'UPU',
  swisspost: 'UPU',
};

/**
 * Brand names that marketplaces extend with a product ("USPS Ground Advantage", "Royal Mail Tracked 48", "DPD
 * Local", "Parcelforce Worldwide"): a name starting with one of these is that carrier. Longer brands come first so
 * "DHL eCommerce" is not read as "DHL".
 */
const BRANDS: ReadonlyArray<readonly [string, CarrierId]> = [
  ['dhlecommerce', 'DHL_ECOMMERCE'],
  ['royalmail', 'ROYAL_MAIL'],
  ['parcelforce', 'PARCELFORCE'],
  ['chinapost', 'CHINA_POST'],
  ['usps', 'USPS'],
  ['fedex', 'FEDEX'],
  ['evri', 'EVRI'],
  ['yodel', 'YODEL'],
  ['dpd', 'DPD'],
  ['ups', 'UPS'],
];

/** The carrier whose rules apply to a carrier or shipping-provider name, or null when Packbench knows none. */
export function carrierFor(name: string | null | undefined): CarrierId | null {
  if (!name) return null;
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!key) return null;
  if (key.toUpperCase() in CARRIER_NAMES) return key.toUpperCase() as CarrierId;
  return ALIASES[key] ?? BRANDS.find(([brand]) => key.startsWith(brand))?.[1] ?? null;
}
