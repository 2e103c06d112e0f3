// Where sandbox buyers live: sample addresses per country, with the country names and phone prefixes labels print.

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
