import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCjk, type Script } from '../../../shared/domain/label/text-metrics';
import { findAppRoot } from '../config/app-root';

/** The label fonts shipped in resources/fonts (see its README), by what they are needed for. */
export interface LabelFonts {
  /** Noto Sans Core: Latin, Greek, Cyrillic subsets, small enough to draw fast. */
  core: string[];
  /** Full Noto Sans, for the rare Latin-script characters the subset lacks. */
  latin: string[];
  arabic: string[];
  /** The GB 2312 subset, then the full Chinese font. */
  cjk: string[];
}

let cached: LabelFonts | null = null;

function labelFonts(root: string = findAppRoot(__dirname)): LabelFonts {
  if (cached) return cached;
  const dir = join(root, 'resources', 'fonts');
  if (!existsSync(dir)) throw new Error(`The label fonts are missing (${dir}); reinstall Packbench.`);
  // Regular before Bold: a character missing from the named font is taken from the first file that has it, and
  // most text is regular.
  const weightLast = (file: string) => file.replace('-Bold', '-~Bold');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ttf'))
    .sort((a, b) => (weightLast(a) < weightLast(b) ? -1 : 1))
    .map((file) => join(dir, file));
  cached = {
    core: files.filter((file) => /NotoSansCore-/.test(file)),
    latin: files.filter((file) => /NotoSans-/.test(file)),
    arabic: files.filter((file) => /NotoSansArabic-/.test(file)),
    // "Common" sorts before "Regular": the subset is found first when resvg looks for a character.
    cjk: files.filter((file) => /NotoSansSC-/.test(file)),
  };
  return cached;
}

/** The characters a TrueType font maps (its cmap, format 12 or 4): which ones the subset can draw. */
function fontCoverage(file: string): (code: number) => boolean {
  const font = readFileSync(file);
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i += 1)
    if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(20 + i * 16);
  const ranges: Array<[number, number]> = [];
  const subtables = cmap < 0 ? 0 : font.readUInt16BE(cmap + 2);
  const offsets = Array.from({ length: subtables }, (_, i) => cmap + font.readUInt32BE(cmap + 8 + i * 8));
  const format12 = offsets.find((at) => font.readUInt16BE(at) === 12);
  const format4 = offsets.find((at) => font.readUInt16BE(at) === 4);
  if (format12 !== undefined) {
    const groups = font.readUInt32BE(format12 + 12);
    for (let g = 0; g < groups; g += 1)
      ranges.push([font.readUInt32BE(format12 + 16 + g * 12), font.readUInt32BE(format12 + 20 + g * 12)]);
  } else if (format4 !== undefined) {
    const segments = font.readUInt16BE(format4 + 6) / 2;
    for (let g = 0; g < segments; g += 1)
      ranges.push([font.readUInt16BE(format4 + 16 + segments * 2 + g * 2), font.readUInt16BE(format4 + 14 + g * 2)]);
  }
  return (code) => ranges.some(([start, end]) => code >= start && code <= end);
}

let commonCjk: ((code: number) => boolean) | null = null;

/** Whether a text has Chinese characters outside the GB 2312 subset, which only the full 10 MB font draws. */
function needsFullCjk(text: string, fonts: LabelFonts): boolean {
  const common = fonts.cjk.find((file) => /Common/.test(file));
  if (!common) return true;
  commonCjk ??= fontCoverage(common);
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isCjk(code) && !commonCjk(code)) return true;
  }
  return false;
}

/**
 * Only the font files a drawing needs, small ones first: resvg loads every file it is given for every drawing
 * (the full Chinese font alone costs more than the rest of a label), and when a character is missing from the
 * named fonts it takes the first file that has it.
 */
export function fontFilesFor(scripts: ReadonlySet<Script>, text = '', fonts: LabelFonts = labelFonts()): string[] {
  const cjk = !scripts.has('cjk')
    ? []
    : needsFullCjk(text, fonts)
      ? fonts.cjk
      : fonts.cjk.filter((file) => /Common/.test(file));
  return [
    ...fonts.core,
    ...(scripts.has('arabic') ? fonts.arabic : []),
    ...cjk,
    ...(scripts.has('latin-rare') ? fonts.latin : []),
  ];
}
