import { mod10, mod10FromRight, mod37_36, mod7, s10Check, weightedMod11Mod10 } from './check-digits';

/**
 * One tracking-number shape. A number is `prefix? body check? suffix?`: where the carrier publishes a check
 * character it is computed from `checked(body)`, so validating a scanned number and completing one issued from a
 * range use the same rule. A shape may serve several carriers (UPU S10 is every post's; DHL eCommerce uses IMpb):
 * which carrier accepts which shape, and with what restriction, is in rules.ts.
 *
 * Sources: jkeen/tracking_number_data couriers/*.json (regexes, check algorithms and test numbers; MIT), the
 * carriers' own pages where that data set has no entry (named at each format), SHIPPING-FACTS.md.
 */
export interface TrackingFormat {
  id: string;
  name: string;
  /** What the number looks like, for the message when one does not. */
  shape: string;
  pattern: RegExp;
  /**
   * Further readings of the same characters, tried when `pattern`'s reading fails its check digit: 420 + ZIP + 26
   * IMpb digits and 420 + ZIP+4 + 22 digits are both 34 digits long.
   */
  alternatives?: readonly RegExp[];
  checked(body: string): string;
  /** The check character for `checked(body)`; null where the carrier publishes none (the shape is all there is to check). */
  checkFor: ((checked: string) => string) | null;
  /** Whether a barcode of this number is GS1-128 (FNC1 first), as USPS IMpb and FedEx Ground 96 are. */
  gs1: boolean;
}

const FEDEX_EXPRESS_WEIGHTS = [3, 1, 7] as const;
const whole = (body: string) => body;

const FORMATS: readonly TrackingFormat[] = [
  {
    // couriers/ups.json
    id: 'ups-1z',
    name: 'UPS 1Z',
    shape: '1Z + 15 letters or digits + 1 check digit (18 characters)',
    pattern: /^(?<body>1Z[0-9A-Z]{15})(?<check>[0-9])$/,
    checked: (body) => body.slice(2),
    checkFor: (serial) => mod10(serial, 1, 2),
    gs1: false,
  },
  {
    // couriers/fedex.json "FedEx Express (12)"
    id: 'fedex-express-12',
    name: 'FedEx Express (12 digits)',
    shape: '12 digits',
    pattern: /^(?<body>\d{11})(?<check>\d)$/,
    checked: whole,
    checkFor: (serial) => weightedMod11Mod10(serial, FEDEX_EXPRESS_WEIGHTS),
    gs1: false,
  },
  {
    // couriers/fedex.json "FedEx Ground"
    id: 'fedex-ground-15',
    name: 'FedEx Ground (15 digits)',
    shape: '15 digits',
    pattern: /^(?<body>\d{14})(?<check>\d)$/,
    checked: whole,
    checkFor: (serial) => mod10(serial, 1, 3),
    gs1: false,
  },
  {
    // couriers/fedex.json "FedEx Ground (96)"
    id: 'fedex-ground-96',
    name: 'FedEx Ground 96 (22 digits)',
    shape: '22 digits starting 96',
    pattern: /^(?<body>96\d{19})(?<check>\d)$/,
    // Only the shipper and package digits are checked; the leading 96, SCNC and service code are not.
    checked: (body) => body.slice(-14),
    checkFor: (serial) => mod10(serial, 1, 3),
    gs1: true,
  },
  {
    // couriers/usps.json "USPS 91" and "USPS 34v2" (the 420 + ZIP or ZIP+4 routing is not part of the check)
    id: 'usps-impb',
    name: 'USPS IMpb',
    shape: '22 or 26 digits starting 91-95, optionally after 420 + ZIP code',
    pattern: /^(?<prefix>420\d{5})?(?<body>9[1-5](?:\d{19}|\d{23}))(?<check>\d)$/,
    alternatives: [/^(?<prefix>420\d{9})(?<body>9[1-5](?:\d{19}|\d{23}))(?<check>\d)$/],
    checked: whole,
    checkFor: mod10FromRight,
    gs1: true,
  },
  {
    // couriers/dhl.json "DHL Express"
    id: 'dhl-express-10',
    name: 'DHL Express (10 digits)',
    shape: '10 digits',
    pattern: /^(?<body>\d{9})(?<check>\d)$/,
    checked: whole,
    checkFor: mod7,
    gs1: false,
  },
  {
    // couriers/dhl.json "DHL Express Air"
    id: 'dhl-express-11',
    name: 'DHL Express Air (11 digits)',
    shape: '11 digits',
    pattern: /^(?<body>\d{10})(?<check>\d)$/,
    checked: whole,
    checkFor: mod7,
    gs1: false,
  },
  {
    // couriers/dhl.json (2019-2023 versions) "DHL E-Commerce": a 2-letter origin prefix and 10-39 digits, no check digit.
    id: 'dhl-ecommerce',
    name: 'DHL eCommerce',
    shape: 'GM, LX, RX, UV, CN, SG, TH, IN, HK or MY + 10 to 39 digits',
    pattern: /^(?<body>(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d{10,39})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
  {
    // couriers/s10.json and SHIPPING-FACTS.md; UPU standard S10
    id: 'upu-s10',
    name: 'UPU S10',
    shape: '2 letters + 8 digits + 1 check digit + 2-letter country (e.g. EE123456785CN)',
    pattern: /^(?<body>[A-Z]{2}\d{8})(?<check>\d)(?<suffix>[A-Z]{2})$/,
    checked: (body) => body.slice(2),
    checkFor: s10Check,
    gs1: false,
  },
  {
    // parcelforce.com, "Tracking number formats": UK tracking, 2 letters and 7 numbers (no published check digit)
    id: 'parcelforce-9',
    name: 'Parcelforce UK (2 letters + 7 digits)',
    shape: '2 letters + 7 digits (e.g. PB1234567)',
    pattern: /^(?<body>[A-Z]{2}\d{7})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
  {
    // parcelforce.com, "Tracking number formats": UK tracking, 4 letters and 10 numbers
    id: 'parcelforce-14',
    name: 'Parcelforce UK (4 letters + 10 digits)',
    shape: '4 letters + 10 digits (e.g. PBTM1234567001)',
    pattern: /^(?<body>[A-Z]{4}\d{10})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
  {
    // parcelforce.com, "Tracking number formats": international tracking of exports, 12 numbers
    id: 'parcelforce-export-12',
    name: 'Parcelforce export (12 digits)',
    shape: '12 digits',
    pattern: /^(?<body>\d{12})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
  {
    // evri.com FAQ "How do I track my parcel": "your 16-digit tracking number, which is the barcode number". Evri
    // publishes no check digit; letters are let through so a label the FAQ does not describe is never refused.
    id: 'evri-16',
    name: 'Evri (16 characters)',
    shape: '16 digits (the number under the barcode)',
    pattern: /^(?<body>[0-9A-Z]{16})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
  {
    // couriers/dpd.json "DPD (28)": the label barcode, destination postcode + parcel number + service + country, ISO 7064 Mod 37,36
    id: 'dpd-28',
    name: 'DPD label barcode (28 characters)',
    shape: '27 digits + 1 check letter or digit (7 postcode, 14 parcel number, 3 service, 3 country)',
    pattern: /^(?<body>\d{27})(?<check>[0-9A-Z])$/,
    checked: whole,
    checkFor: mod37_36,
    gs1: false,
  },
  {
    // WooCommerce Fulfillments DPDShippingProvider (GB): the 14-digit parcel number as DPD UK's tracking pages take it
    id: 'dpd-14',
    name: 'DPD parcel number (14 digits)',
    shape: '14 digits',
    pattern: /^(?<body>\d{14})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
  {
    // couriers/yodel.json: JD or JJD + 16 digits, no check digit
    id: 'yodel-jd',
    name: 'Yodel (JD / JJD)',
    shape: 'JD or JJD + 16 digits',
    pattern: /^(?<body>JJ?D\d{16})$/,
    checked: whole,
    checkFor: null,
    gs1: false,
  },
];

export function formatById(id: string): TrackingFormat | undefined {
  return FORMATS.find((format) => format.id === id);
}
