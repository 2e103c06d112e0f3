import { isCjk, textWidth } from './text-metrics';

/** Height of one line as a multiple of the font size. */
export const LINE_HEIGHT = 1.22;

/** Pieces a line may break between: words (with their following space) and single CJK characters. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const char of text) {
    if (isCjk(char.codePointAt(0)!)) {
      if (word) out.push(word);
      out.push(char);
      word = '';
    } else if (char === ' ') {
      out.push(word + ' ');
      word = '';
    } else {
      word += char;
    }
  }
  if (word) out.push(word);
  return out;
}

/** Splits a word that is wider than the line by character, so nothing runs past the edge. */
function splitLongWord(word: string, width: number, size: number, weight: 400 | 700): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && textWidth(piece + char, size, weight) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Greedy word wrap of one paragraph into lines no wider than width (estimated). */
export function wrap(text: string, width: number, size: number, weight: 400 | 700 = 400): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of tokens(text.replace(/\s+/g, ' ').trim())) {
    if (textWidth((line + token).trimEnd(), size, weight) <= width) {
      line += token;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = '';
    if (textWidth(token.trimEnd(), size, weight) <= width) {
      line = token;
    } else {
      const pieces = splitLongWord(token.trimEnd(), width, size, weight);
      lines.push(...pieces.slice(0, -1));
      line = (pieces.at(-1) ?? '') + (token.endsWith(' ') ? ' ' : '');
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

export interface FitOptions {
  width: number;
  height: number;
  maxSize: number;
  minSize: number;
  weight?: 400 | 700;
}

export interface Fitted {
  lines: string[];
  size: number;
  height: number;
}

/**
 * The largest size (from maxSize down to minSize) at which every paragraph, wrapped, fits the box; null when even
 * minSize does not: the caller must say so rather than cut text off.
 */
export function fitParagraphs(paragraphs: readonly string[], options: FitOptions): Fitted | null {
  const weight = options.weight ?? 400;
  const kept = paragraphs.filter((p) => p.trim() !== '');
  for (const size of sizesBetween(options.maxSize, options.minSize)) {
    const lines = kept.flatMap((p) => wrap(p, options.width, size, weight));
    const height = lines.length * size * LINE_HEIGHT;
    if (height <= options.height) return { lines, size, height };
  }
  return null;
}

/** Whole sizes from max down to min in steps of about 7 %. */
function sizesBetween(max: number, min: number): number[] {
  const sizes: number[] = [];
  for (let size = max; size > min; size *= 0.93) {
    const rounded = Math.round(size);
    if (sizes.at(-1) !== rounded) sizes.push(rounded);
  }
  if (sizes.at(-1) !== Math.round(min)) sizes.push(Math.round(min));
  return sizes;
}

/** Cuts a one-line text to the width with an ellipsis: only for customs table cells, which summarise an article. */
export function ellipsize(text: string, width: number, size: number, weight: 400 | 700 = 400): string {
  if (textWidth(text, size, weight) <= width) return text;
  let out = '';
  for (const char of text) {
    if (textWidth(out + char + '…', size, weight) > width) break;
    out += char;
  }
  return out.trimEnd() + '…';
}
