/**
 * Pure estimates of how wide Noto Sans draws a string, in em. They err on the wide side on purpose: a line that
 * is estimated too wide wraps a word early, a line estimated too narrow would run off the label.
 */
const NARROW = new Set([...".,:;'!|il"]);
const SEMI_NARROW = new Set([...'fjrtI()[]{}"`-/\\']);
const WIDE_LATIN = new Set([...'mwMW@%']);
const WIDE_CYRILLIC = new Set([...'ЖШЩЮМЫжшщюмыФф']);

export const isCjk = (code: number): boolean =>
  (code >= 0x2e80 && code <= 0x9fff) ||
  (code >= 0xac00 && code <= 0xd7af) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xff00 && code <= 0xffef) ||
  (code >= 0x20000 && code <= 0x3ffff);
const isArabic = (code: number): boolean =>
  (code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0xfb50 && code <= 0xfeff);
const isCyrillic = (code: number): boolean => code >= 0x0400 && code <= 0x052f;

function charEm(char: string): number {
  const code = char.codePointAt(0)!;
  if (char === ' ') return 0.27;
  if (code < 0x80) {
    if (NARROW.has(char)) return 0.3;
    if (SEMI_NARROW.has(char)) return 0.43;
    if (WIDE_LATIN.has(char)) return 0.98;
    if (char >= '0' && char <= '9') return 0.58;
    if (char >= 'A' && char <= 'Z') return 0.78;
    if (char >= 'a' && char <= 'z') return 0.62;
    return 0.72;
  }
  if (isCjk(code)) return 1.02;
  if (isCyrillic(code)) return WIDE_CYRILLIC.has(char) ? 1.06 : 0.78;
  if (isArabic(code)) return 0.72;
  if (code >= 0x0300 && code <= 0x036f) return 0; // combining accents sit on the previous letter
  return code < 0x0250 ? 0.8 : 1.02;
}

/** Estimated width in the same unit as size (dots), bold included. */
export function textWidth(text: string, size: number, weight: 400 | 700 = 400): number {
  let em = 0;
  for (const char of text) em += charEm(char);
  return em * size * (weight === 700 ? 1.07 : 1);
}

export type Script = 'latin' | 'latin-rare' | 'arabic' | 'cjk';

/** What the small "Noto Sans Core" font covers (resources/fonts/README.md): Latin-1 and Extended-A, Greek, Cyrillic, punctuation. */
const isCoreLatin = (code: number): boolean =>
  (code >= 0x20 && code <= 0x7e) ||
  (code >= 0xa0 && code <= 0x17f) ||
  (code >= 0x370 && code <= 0x3ff) ||
  (code >= 0x400 && code <= 0x45f) ||
  code === 0x490 ||
  code === 0x491 ||
  (code >= 0x2000 && code <= 0x206f) ||
  (code >= 0x20a0 && code <= 0x20bf) ||
  (code >= 0x2100 && code <= 0x2122);

/** Which of the shipped fonts a string needs, so a renderer names (and loads) only those. */
export function scriptsOf(text: string): Set<Script> {
  const scripts = new Set<Script>(['latin']);
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isCjk(code)) scripts.add('cjk');
    else if (isArabic(code)) scripts.add('arabic');
    else if (!isCoreLatin(code) && code > 0x20) scripts.add('latin-rare');
  }
  return scripts;
}

/** Right-to-left when the first strong letter is Arabic. */
export function isRtl(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isArabic(code)) return true;
    if (/\p{L}/u.test(char)) return false;
  }
  return false;
}
