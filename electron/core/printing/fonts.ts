import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Script } from '../../../shared/domain/label/text-metrics';
import { findAppRoot } from '../config/app-root';

/** The label fonts shipped in resources/fonts (see its README), by the script they are needed for. */
export interface LabelFonts {
  latin: string[];
  arabic: string[];
  cjk: string[];
}

let cached: LabelFonts | null = null;

export function labelFonts(root: string = findAppRoot(__dirname)): LabelFonts {
  if (cached) return cached;
  const dir = join(root, 'resources', 'fonts');
  if (!existsSync(dir)) throw new Error(`The label fonts are missing (${dir}); reinstall Packbench.`);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ttf'))
    .map((file) => join(dir, file));
  cached = {
    latin: files.filter((file) => /NotoSans-/.test(file)),
    arabic: files.filter((file) => /NotoSansArabic-/.test(file)),
    cjk: files.filter((file) => /NotoSansSC-/.test(file)),
  };
  return cached;
}

/** Only the font files a drawing needs: resvg loads every file it is given, for every drawing. */
export function fontFilesFor(scripts: ReadonlySet<Script>, fonts: LabelFonts = labelFonts()): string[] {
  return [...fonts.latin, ...(scripts.has('arabic') ? fonts.arabic : []), ...(scripts.has('cjk') ? fonts.cjk : [])];
}
