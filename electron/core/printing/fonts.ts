import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Script } from '../../../shared/domain/label/text-metrics';
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

export function labelFonts(root: string = findAppRoot(__dirname)): LabelFonts {
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

/**
 * Only the font files a drawing needs, small ones first: resvg loads every file it is given for every drawing,
 * and when a character is missing from the named fonts it takes the first file that has it.
 */
export function fontFilesFor(scripts: ReadonlySet<Script>, fonts: LabelFonts = labelFonts()): string[] {
  return [...fonts.core, ...(scripts.has('arabic') ? fonts.arabic : []), ...(scripts.has('cjk') ? fonts.cjk : []), ...(scripts.has('latin-rare') ? fonts.latin : [])];
}
