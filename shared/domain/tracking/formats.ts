import { mod10, mod10FromRight, mod7, s10Check, weightedMod11Mod10 } from './check-digits';

export const CARRIERS = ['UPS', 'FEDEX', 'USPS', 'DHL', 'UPU'] as const;
export type CarrierId = (typeof CARRIERS)[number];

export const CARRIER_NAMES: Record<CarrierId, string> = {
  UPS: 'UPS',
  FEDEX: 'FedEx',
  USPS: 'USPS',
  DHL: 'DHL Express',
  UPU: 'UPU S10 post (EMS, China Post, ...)',
};

/**
 * One tracking-number shape of a carrier. A number is `prefix? body check suffix?`: the check character is computed
 * from `checked(body)`, so validating a scanned number and completing one issued from a range use the same rule.
 */
export interface TrackingFormat {
  id: string;
  carrier: CarrierId;
  name: string;
  /** What the number looks like, for the message when one does not. */
  shape: string;
  pattern: RegExp;
  checked(body: string): string;
  checkFor(checked: string): string;
  /** Whether a barcode of this number is GS1-128 (FNC1 first), as USPS IMpb and FedEx Ground 96 are. */
  gs1: boolean;
}

const FEDEX_EXPRESS_WEIGHTS = [3, 1, 7] as const;

export const FORMATS: readonly TrackingFormat[] = [
  {
    id: 'ups-1z',
    carrier: 'UPS',
    name: 'UPS 1Z',
    shape: '1Z + 15 letters or digits + 1 check digit (18 characters)',
    pattern: /^(?<body>1Z[0-9A-Z]{15})(?<check>[0-9])$/,
    checked: (body) => body.slice(2),
    checkFor: (serial) => mod10(serial, 1, 2),
    gs1: false,
  },
  {
    id: 'fedex-express-12',
    carrier: 'FEDEX',
    name: 'FedEx Express (12 digits)',
    shape: '12 digits',
    pattern: /^(?<body>\d{11})(?<check>\d)$/,
    checked: (body) => body,
    checkFor: (serial) => weightedMod11Mod10(serial, FEDEX_EXPRESS_WEIGHTS),
    gs1: false,
  },
  {
    id: 'fedex-ground-15',
    carrier: 'FEDEX',
    name: 'FedEx Ground (15 digits)',
    shape: '15 digits',
    pattern: /^(?<body>\d{14})(?<check>\d)$/,
    checked: (body) => body,
    checkFor: (serial) => mod10(serial, 1, 3),
    gs1: false,
  },
  {
    id: 'fedex-ground-96',
    carrier: 'FEDEX',
    name: 'FedEx Ground 96 (22 digits)',
    shape: '22 digits starting 96',
    pattern: /^(?<body>96\d{19})(?<check>\d)$/,
    // Only the shipper and package digits are checked; the leading 96, SCNC and service code are not.
    checked: (body) => body.slice(-14),
    checkFor: (serial) => mod10(serial, 1, 3),
    gs1: true,
  },
  {
    id: 'usps-impb',
    carrier: 'USPS',
    name: 'USPS IMpb',
    shape: '22 or 26 digits starting 91-95, optionally after 420 + ZIP code',
    pattern: /^(?<prefix>420(?:\d{9}|\d{5}))?(?<body>9[1-5](?:\d{19}|\d{23}))(?<check>\d)$/,
    checked: (body) => body,
    checkFor: mod10FromRight,
    gs1: true,
  },
  {
    id: 'dhl-express-10',
    carrier: 'DHL',
    name: 'DHL Express (10 digits)',
    shape: '10 digits',
    pattern: /^(?<body>\d{9})(?<check>\d)$/,
    checked: (body) => body,
    checkFor: mod7,
    gs1: false,
  },
  {
    id: 'upu-s10',
    carrier: 'UPU',
    name: 'UPU S10',
    shape: '2 letters + 8 digits + 1 check digit + 2-letter country (e.g. EE123456785CN)',
    pattern: /^(?<body>[A-Z]{2}\d{8})(?<check>\d)(?<suffix>[A-Z]{2})$/,
    checked: (body) => body.slice(2),
    checkFor: s10Check,
    gs1: false,
  },
];

export function formatById(id: string): TrackingFormat | undefined {
  return FORMATS.find((format) => format.id === id);
}

export function formatsOf(carrier: CarrierId): TrackingFormat[] {
  return FORMATS.filter((format) => format.carrier === carrier);
}

/** Carrier names as marketplaces and sellers write them, reduced to lower-case letters and digits. */
const ALIASES: Record<string, CarrierId> = {
  ups: 'UPS',
  unitedparcelservice: 'UPS',
  fedex: 'FEDEX',
  federalexpress: 'FEDEX',
  fedexexpress: 'FEDEX',
  fedexground: 'FEDEX',
  usps: 'USPS',
  unitedstatespostalservice: 'USPS',
  dhl: 'DHL',
  dhlexpress: 'DHL',
  upu: 'UPU',
  s10: 'UPU',
  upus10: 'UPU',
  ems: 'UPU',
  chinapost: 'UPU',
  chinaems: 'UPU',
  chinapostems: 'UPU',
  royalmail: 'UPU',
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

/** The carrier whose rule applies to a carrier or shipping-provider name, or null when Packbench knows none. */
export function carrierFor(name: string | null | undefined): CarrierId | null {
  if (!name) return null;
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return ALIASES[key] ?? null;
}
