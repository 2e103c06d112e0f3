// Who sandbox buyers are: names per country, and the awkward names and messages that test label layout.

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
