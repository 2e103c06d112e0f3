import type { Carrier } from './identifiers';

/**
 * The sandbox seller's world: shops, their delivery options and carriers, the product catalogue; buyers'
 * places and names are in places.ts and buyers.ts. Plain data; orders.ts draws from it with a seeded PRNG.
 */

export type ServiceTier = 'standard' | 'express' | 'economy';

export interface SandboxShop {
  id: string;
  name: string;
  region: string;
  sellerType: 'LOCAL' | 'CROSS_BORDER';
  cipher: string;
  code: string;
  /** Destination countries with their weight. */
  destinations: ReadonlyArray<readonly [string, number]>;
  /** Share of orders shipped with TikTok's label and carrier (the rest: seller's own carrier). */
  tiktokShippingShare: number;
  providers: Record<ServiceTier, readonly Carrier[]>;
  /** Barcode family the shop's products carry (Get Product's identifier_code.type). */
  barcodes: 'UPC' | 'EAN' | 'GTIN' | 'JAN';
  /**
   * Local sellers in the markets of Mark Package As Shipped (US, UK, ...) get their seller-shipped orders without
   * packages: the package exists once they call it.
   */
  packagesOnMark: boolean;
  /** GS1 company prefix digits for the shop's EAN/UPC codes. */
  gs1Prefix: string;
}

export const SHOPS: readonly SandboxShop[] = [
  {
    id: '7495101000000000001',
    name: 'Brightside Home US',
    region: 'US',
    sellerType: 'LOCAL',
    cipher: 'GCP_sbxUS01brightside',
    code: 'USLCBRT01',
    destinations: [['US', 1]],
    tiktokShippingShare: 0.55,
    providers: { standard: ['USPS', 'UPS', 'FedEx'], express: ['UPS', 'FedEx', 'DHL'], economy: ['USPS'] },
    barcodes: 'UPC',
    gs1Prefix: '0841',
    packagesOnMark: true,
  },
  {
    id: '7495102000000000002',
    name: 'Harbour & Pine UK',
    region: 'GB',
    sellerType: 'LOCAL',
    cipher: 'GCP_sbxGB02harbour',
    code: 'GBLCHBP02',
    destinations: [['GB', 1]],
    // A UK local seller ships everything itself.
    tiktokShippingShare: 0,
    providers: {
      standard: ['Royal Mail', 'Evri', 'DPD', 'Yodel'],
      express: ['DPD', 'Parcelforce', 'DHL', 'UPS'],
      economy: ['Royal Mail', 'Evri'],
    },
    barcodes: 'EAN',
    gs1Prefix: '5060',
    packagesOnMark: true,
  },
  {
    id: '7495103000000000003',
    name: 'Shenzhen Lumi Global (US)',
    region: 'US',
    sellerType: 'CROSS_BORDER',
    cipher: 'ROW_sbxCN03lumi_us',
    code: 'CNCBLUM03',
    destinations: [['US', 1]],
    // US cross-border sellers ship with TikTok (and may not pick USPS themselves).
    tiktokShippingShare: 1,
    providers: { standard: ['China Post', 'EMS'], express: ['DHL', 'FedEx', 'UPS'], economy: ['China Post'] },
    barcodes: 'JAN',
    gs1Prefix: '4901',
    packagesOnMark: false,
  },
  {
    id: '7495104000000000004',
    name: 'Shenzhen Lumi Global (UK & EU)',
    region: 'GB',
    sellerType: 'CROSS_BORDER',
    cipher: 'ROW_sbxCN04lumi_eu',
    code: 'CNCBLUM04',
    // Hong Kong and the Emirates have no postal codes: their addresses come without one.
    destinations: [
      ['GB', 4],
      ['DE', 3],
      ['FR', 2],
      ['ES', 1],
      ['IT', 1],
      ['HK', 1],
      ['AE', 1],
    ],
    tiktokShippingShare: 0.6,
    providers: { standard: ['EMS', 'China Post'], express: ['DHL', 'UPS'], economy: ['China Post'] },
    barcodes: 'GTIN',
    gs1Prefix: '6975',
    packagesOnMark: false,
  },
  {
    id: '7495105000000000005',
    name: 'Casa Aurora BR',
    region: 'BR',
    sellerType: 'LOCAL',
    cipher: 'ROW_sbxBR05aurora',
    code: 'BRLCAUR05',
    destinations: [['BR', 1]],
    // The Brazilian shop ships with TikTok: its labels are the ones served as ZPL.
    tiktokShippingShare: 1,
    providers: { standard: ['Correios'], express: ['Correios'], economy: ['Correios'] },
    barcodes: 'EAN',
    gs1Prefix: '7891',
    packagesOnMark: false,
  },
];

export const PROVIDER_IDS: Record<Carrier, string> = {
  DHL: '6617675021119438849',
  UPS: '6617675021119438850',
  FedEx: '6617675021119438851',
  USPS: '6617675021119438852',
  EMS: '6617675021119438853',
  'China Post': '6617675021119438854',
  'Royal Mail': '6617675021119438855',
  Correios: '6617675021119438856',
  Parcelforce: '6617675021119438857',
  Evri: '6617675021119438858',
  DPD: '6617675021119438859',
  Yodel: '6617675021119438860',
};

export const CURRENCY: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  DE: 'EUR',
  FR: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  HK: 'HKD',
  AE: 'AED',
  BR: 'BRL',
};

export interface ProductDef {
  title: string;
  /** Price in USD; other currencies scale from it. */
  price: number;
  variants: readonly string[];
  /** Books carry an ISBN instead of the shop's barcode family. */
  isbn?: boolean;
  /** Some unbranded goods have no barcode at all: the packer scans the seller SKU. */
  noBarcode?: boolean;
  /** Deleted from the catalogue after it was sold: Get Product answers 12052032 for it. */
  deleted?: boolean;
  sku: string;
}

export const PRODUCTS: readonly ProductDef[] = [
  { title: 'Ceramic Pour-Over Coffee Dripper', price: 18.99, variants: ['White', 'Matte Black'], sku: 'CPD' },
  { title: 'LED Desk Lamp with Wireless Charger', price: 34.5, variants: ['Black', 'White'], sku: 'LDL' },
  { title: 'Silicone Baking Mat Set (2 pcs)', price: 12.99, variants: ['Standard'], sku: 'SBM' },
  { title: 'Stainless Steel Water Bottle 750 ml', price: 21.0, variants: ['Sage', 'Navy', 'Sand'], sku: 'SWB' },
  { title: 'Wireless Earbuds Pro with Noise Cancelling', price: 49.99, variants: ['Black', 'White'], sku: 'WEP' },
  {
    title: 'Phone Case for iPhone 15',
    price: 9.99,
    variants: ['Clear', 'Matte Black', 'Lavender', 'Forest Green'],
    sku: 'PC15',
  },
  { title: 'Yoga Mat 6 mm Non-Slip', price: 27.99, variants: ['Purple', 'Teal'], sku: 'YGM' },
  { title: 'Bamboo Cutting Board', price: 16.49, variants: ['Large', 'Medium'], sku: 'BCB' },
  { title: 'Scented Soy Candle 200 g', price: 14.0, variants: ['Lavender', 'Vanilla', 'Sea Salt'], sku: 'SSC' },
  {
    title: 'Hair Claw Clips (4-pack)',
    price: 7.99,
    variants: ['Neutral', 'Tortoiseshell'],
    sku: 'HCC',
    noBarcode: true,
  },
  { title: 'Mulberry Silk Pillowcase', price: 29.99, variants: ['Champagne', 'Silver'], sku: 'MSP' },
  { title: 'Magnetic Phone Mount for Car', price: 15.99, variants: ['Standard'], sku: 'MPM' },
  { title: 'Mini Portable Fan USB-C', price: 11.99, variants: ['Pink', 'White', 'Mint'], sku: 'MPF' },
  { title: "Kids' Watercolour Paint Set, 36 Colours", price: 13.49, variants: ['Standard'], sku: 'KWP' },
  { title: 'Resistance Bands Set (5 levels)', price: 19.99, variants: ['Standard'], sku: 'RBS' },
  { title: 'Gel Nail Polish Kit with UV Lamp', price: 32.99, variants: ['Nude Tones', 'Bold Tones'], sku: 'GNK' },
  { title: 'Cotton Crew Socks (6 pairs)', price: 12.0, variants: ['S/M', 'L/XL'], sku: 'CCS', noBarcode: true },
  { title: 'Vitamin C Brightening Serum 30 ml', price: 24.99, variants: ['Standard'], sku: 'VCS' },
  {
    title: 'Mechanical Keyboard 75% Hot-Swap',
    price: 69.99,
    variants: ['Red switches', 'Brown switches'],
    sku: 'MK75',
  },
  { title: 'Dog Chew Toy Set (3 pcs)', price: 17.99, variants: ['Small', 'Large'], sku: 'DCT' },
  { title: 'Cookbook: 30-Minute Family Dinners', price: 22.0, variants: ['Hardcover'], sku: 'BK30', isbn: true },
  { title: 'Bluetooth Sleep Headband', price: 25.99, variants: ['Grey', 'Black'], sku: 'BSH' },
  { title: 'Reusable Silicone Food Bags (10)', price: 19.49, variants: ['Standard'], sku: 'RFB' },
  { title: 'Heated Eyelash Curler', price: 15.49, variants: ['Rose Gold'], sku: 'HEC', deleted: true },
  { title: 'Wooden Jigsaw Puzzle 1000 pcs', price: 23.99, variants: ['Mountain Lake', 'Night City'], sku: 'WJP' },
  { title: 'Ring Light 10 inch with Tripod', price: 39.99, variants: ['Standard'], sku: 'RL10' },
  { title: 'Ceremonial Matcha Whisk Set', price: 26.5, variants: ['Standard'], sku: 'MWS' },
  { title: 'Linen Throw Blanket 130 x 170 cm', price: 44.0, variants: ['Oat', 'Charcoal'], sku: 'LTB' },
  { title: 'Lip Gloss Trio', price: 16.0, variants: ['Berry', 'Coral', 'Clear'], sku: 'LGT' },
  { title: 'Cable Organiser Box', price: 18.0, variants: ['White', 'Black'], sku: 'COB' },
];
