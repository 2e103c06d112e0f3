import type { Carrier } from './identifiers';

/**
 * The sandbox seller's world: shops, their delivery options and carriers, the product catalogue and the places
 * buyers live. Plain data; orders.ts draws from it with a seeded PRNG.
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

interface Place {
  city: string;
  region: string;
  /** Empty where the country has no postal codes (HK, AE). */
  postalCode: string;
  /** The level between region and city (L2), where addresses name one. */
  district?: string;
  streets: readonly string[];
}

export const PLACES: Record<string, readonly Place[]> = {
  US: [
    { city: 'New York', region: 'NY', postalCode: '10027', streets: ['W 125th St', 'Amsterdam Ave', 'Broadway'] },
    { city: 'Flushing', region: 'NY', postalCode: '11354', streets: ['Main St', 'Roosevelt Ave', '41st Ave'] },
    { city: 'Los Angeles', region: 'CA', postalCode: '90012', streets: ['W 1st St', 'S Grand Ave', 'Sunset Blvd'] },
    { city: 'San Francisco', region: 'CA', postalCode: '94110', streets: ['Valencia St', 'Mission St', '24th St'] },
    { city: 'Chicago', region: 'IL', postalCode: '60614', streets: ['N Clark St', 'W Fullerton Ave', 'N Halsted St'] },
    { city: 'Houston', region: 'TX', postalCode: '77002', streets: ['Main St', 'Travis St', 'Louisiana St'] },
    { city: 'Dearborn', region: 'MI', postalCode: '48126', streets: ['Warren Ave', 'Michigan Ave', 'Schaefer Rd'] },
    { city: 'Phoenix', region: 'AZ', postalCode: '85004', streets: ['N Central Ave', 'E Roosevelt St'] },
    { city: 'Seattle', region: 'WA', postalCode: '98101', streets: ['Pike St', '4th Ave', 'Pine St'] },
    { city: 'Miami', region: 'FL', postalCode: '33130', streets: ['SW 8th St', 'Brickell Ave'] },
    { city: 'Boston', region: 'MA', postalCode: '02118', streets: ['Tremont St', 'Washington St'] },
    { city: 'Honolulu', region: 'HI', postalCode: '96813', streets: ['Kapiolani Blvd', 'S King St'] },
    { city: 'Anchorage', region: 'AK', postalCode: '99501', streets: ['W 4th Ave', 'E 5th Ave'] },
  ],
  GB: [
    {
      city: 'London',
      region: 'Greater London',
      postalCode: 'E1 6AN',
      streets: ['Commercial Street', 'Brick Lane', 'Whitechapel Road'],
    },
    { city: 'London', region: 'Greater London', postalCode: 'SW1A 2AA', streets: ['Whitehall', 'Victoria Street'] },
    {
      city: 'Manchester',
      region: 'Greater Manchester',
      postalCode: 'M4 1HN',
      streets: ['Oldham Street', 'Thomas Street'],
    },
    { city: 'Birmingham', region: 'West Midlands', postalCode: 'B5 4BU', streets: ['Bristol Street', 'Hurst Street'] },
    { city: 'Leeds', region: 'West Yorkshire', postalCode: 'LS1 4AP', streets: ['Briggate', 'Boar Lane'] },
    { city: 'Glasgow', region: 'Scotland', postalCode: 'G2 3AX', streets: ['Buchanan Street', 'Sauchiehall Street'] },
    { city: 'Cardiff', region: 'Wales', postalCode: 'CF10 1EP', streets: ['Queen Street', 'St Mary Street'] },
    { city: 'Belfast', region: 'Northern Ireland', postalCode: 'BT1 5GS', streets: ['Donegall Place', 'Royal Avenue'] },
    {
      city: 'Bradford',
      region: 'West Yorkshire',
      postalCode: 'BD7 1BN',
      streets: ['Great Horton Road', 'Morley Street'],
    },
  ],
  DE: [
    {
      city: 'Berlin',
      region: 'Berlin',
      postalCode: '10115',
      streets: ['Invalidenstraße', 'Torstraße', 'Chausseestraße'],
    },
    { city: 'München', region: 'Bayern', postalCode: '80331', streets: ['Sendlinger Straße', 'Kaufingerstraße'] },
    { city: 'Hamburg', region: 'Hamburg', postalCode: '20095', streets: ['Mönckebergstraße', 'Spitalerstraße'] },
    { city: 'Köln', region: 'Nordrhein-Westfalen', postalCode: '50667', streets: ['Hohe Straße', 'Schildergasse'] },
  ],
  FR: [
    {
      city: 'Paris',
      region: 'Île-de-France',
      postalCode: '75011',
      streets: ['Rue de la Roquette', 'Boulevard Voltaire'],
    },
    {
      city: 'Lyon',
      region: 'Auvergne-Rhône-Alpes',
      postalCode: '69002',
      streets: ['Rue de la République', 'Quai Saint-Antoine'],
    },
    {
      city: 'Marseille',
      region: "Provence-Alpes-Côte d'Azur",
      postalCode: '13001',
      streets: ['La Canebière', 'Rue de Rome'],
    },
  ],
  ES: [
    { city: 'Madrid', region: 'Comunidad de Madrid', postalCode: '28013', streets: ['Calle Mayor', 'Gran Vía'] },
    { city: 'Barcelona', region: 'Cataluña', postalCode: '08001', streets: ['La Rambla', 'Carrer de Pelai'] },
  ],
  IT: [
    { city: 'Roma', region: 'Lazio', postalCode: '00184', streets: ['Via Nazionale', 'Via Cavour'] },
    { city: 'Milano', region: 'Lombardia', postalCode: '20121', streets: ['Corso Garibaldi', 'Via Manzoni'] },
  ],
  HK: [
    {
      city: 'Mong Kok',
      region: 'Kowloon',
      district: 'Yau Tsim Mong',
      postalCode: '',
      streets: ['Nathan Road', 'Argyle Street'],
    },
    {
      city: 'Causeway Bay',
      region: 'Hong Kong Island',
      district: 'Wan Chai',
      postalCode: '',
      streets: ['Hennessy Road', 'Yee Wo Street'],
    },
    {
      city: 'Sha Tin',
      region: 'New Territories',
      district: 'Sha Tin',
      postalCode: '',
      streets: ['Sha Tin Centre Street'],
    },
  ],
  AE: [
    {
      city: 'Dubai',
      region: 'Dubai',
      district: 'Al Barsha',
      postalCode: '',
      streets: ['Sheikh Zayed Road', 'Al Barsha Road'],
    },
    {
      city: 'Abu Dhabi',
      region: 'Abu Dhabi',
      district: 'Al Khalidiyah',
      postalCode: '',
      streets: ['Corniche Road', 'Khalifa Street'],
    },
  ],
  BR: [
    {
      city: 'São Paulo',
      region: 'SP',
      district: 'Pinheiros',
      postalCode: '05422-001',
      streets: ['Rua dos Pinheiros', 'Rua Teodoro Sampaio'],
    },
    {
      city: 'Rio de Janeiro',
      region: 'RJ',
      district: 'Copacabana',
      postalCode: '22070-011',
      streets: ['Avenida Atlântica', 'Rua Barata Ribeiro'],
    },
    {
      city: 'Belo Horizonte',
      region: 'MG',
      district: 'Savassi',
      postalCode: '30140-071',
      streets: ['Rua Pernambuco', 'Avenida Getúlio Vargas'],
    },
  ],
};

export const COUNTRY_NAMES: Record<string, string> = {
  US: 'United States',
  GB: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  ES: 'Spain',
  IT: 'Italy',
  HK: 'Hong Kong',
  AE: 'United Arab Emirates',
  BR: 'Brazil',
};

export const PHONE_PREFIX: Record<string, string> = {
  US: '(+1)',
  GB: '(+44)',
  DE: '(+49)',
  FR: '(+33)',
  ES: '(+34)',
  IT: '(+39)',
  HK: '(+852)',
  AE: '(+971)',
  BR: '(+55)',
};

const FIRST: Record<string, readonly string[]> = {
  US: [
    'James',
    'Maria',
    'Olivia',
    'Liam',
    'Emma',
    'Noah',
    'Aaliyah',
    'Mateo',
    'Priya',
    'Wei',
    'Jackson',
    'Sofía',
    'DeShawn',
    'Hannah',
  ],
  GB: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Mohammed', 'Freya', 'Aisha', 'Callum', 'Siobhan', 'Rhys'],
  DE: ['Lukas', 'Mia', 'Leon', 'Hannah', 'Finn', 'Lea', 'Jonas', 'Emine'],
  FR: ['Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Gabriel', 'Inès'],
  ES: ['Lucía', 'Hugo', 'Martina', 'Pablo', 'Alejandro'],
  IT: ['Giulia', 'Leonardo', 'Sofia', 'Francesco', 'Chiara'],
  HK: ['Ka Yan', 'Wing Sze', 'Chun Kit', 'Hoi Ying'],
  AE: ['Omar', 'Layla', 'Rashid', 'Noura'],
  BR: ['João', 'Ana', 'Lucas', 'Beatriz', 'Gabriel'],
};

const LAST: Record<string, readonly string[]> = {
  US: [
    'Smith',
    'Johnson',
    'Garcia',
    'Nguyen',
    'Kim',
    'Patel',
    'Williams',
    'Washington',
    "O'Connor",
    'Hernández',
    'Rosenberg',
    'Okafor',
  ],
  GB: ['Smith', 'Jones', 'Taylor', 'Brown', 'Khan', 'Evans', 'Wilson', "O'Neill", 'Hughes', 'Begum', 'MacDonald'],
  DE: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Yılmaz', 'Becker'],
  FR: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Benali'],
  ES: ['García', 'Fernández', 'González', 'Rodríguez', 'Martínez'],
  IT: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi'],
  HK: ['Chan', 'Wong', 'Leung', 'Cheung'],
  AE: ['Al Mansoori', 'Al Hashimi', 'Khan', 'Nair'],
  BR: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira'],
};

/** Buyers who write their name (and often a line of the address) in their own script. */
export const NON_LATIN_BUYERS: ReadonlyArray<{ name: string; note: string; countries: readonly string[] }> = [
  { name: '王小明', note: '3楼 请放在前台', countries: ['US', 'GB'] },
  { name: '李娜', note: '公寓 12B，按门铃两次', countries: ['US', 'GB', 'DE'] },
  { name: '陈伟', note: '楼下便利店代收', countries: ['US'] },
  { name: 'محمد الأحمد', note: 'شقة 12، الطابق الثالث', countries: ['GB', 'US', 'DE'] },
  { name: 'فاطمة الزهراء', note: 'الرجاء عدم ترك الطرد عند الباب', countries: ['GB', 'FR'] },
  { name: 'Анна Смирнова', note: 'кв. 45, подъезд 2, домофон 45', countries: ['DE', 'GB', 'US'] },
  { name: 'Дмитрий Иванов', note: 'оставить у соседей', countries: ['DE', 'IT'] },
];

/** Real addresses are sometimes very long: building names, units, care-of lines. */
export const LONG_LINES: readonly string[] = [
  'Flat 27, The Old Chocolate Factory Apartments, Riverside Business & Residential Quarter (entrance via the car park behind the pharmacy)',
  'c/o Northwestern Memorial Hospital Staff Residence, Building C, Loading Dock 3, Attn: Mailroom Supervisor',
  'Unit 4B, Maximilian-Kolbe-Wohnanlage, Hinterhaus links, 3. Obergeschoss, bei Familie Schwarzenberger-Hohenlohe',
];

export const BUYER_MESSAGES: readonly string[] = [
  'Please leave at the back door if nobody answers.',
  "It's a birthday present, please don't include the receipt.",
  'Could you double-check the colour before sending? Thanks!',
  'Need it by Friday if at all possible 🙏',
  '请不要放发票，谢谢！',
  'Bitte beim Nachbarn im Erdgeschoss abgeben.',
  'Ring the bell twice, the first one is broken.',
  'الرجاء الاتصال قبل التوصيل',
  'Пожалуйста, упакуйте понадёжнее — это подарок.',
  'Merci de bien protéger le colis !',
];

export function personName(country: string, pick: <T>(items: readonly T[]) => T): string {
  return `${pick(FIRST[country] ?? FIRST.US!)} ${pick(LAST[country] ?? LAST.US!)}`;
}
