import { escapeXml } from '../text/clean';
import { barRuns } from './code128';
import type { LabelElement, LabelPage, TextElement } from './model';
import { LINE_HEIGHT } from './text-fit';
import { isRtl, scriptsOf } from './text-metrics';

/** Where the baseline sits below the top of a line, as a multiple of the font size. */
const BASELINE = 0.93;

/**
 * Names only the shipped fonts a line needs, small ones first: resvg reads a font file again for every glyph it
 * draws, so everyday text comes from the subsets ("Noto Sans Core", "Noto Sans SC Common") and only rare
 * characters from the full fonts after them.
 */
export function fontFamilyFor(text: string): string {
  const scripts = scriptsOf(text);
  const families = scripts.has('cjk')
    ? ['Noto Sans SC Common', 'Noto Sans SC', 'Noto Sans Core', 'Noto Sans']
    : ['Noto Sans Core', 'Noto Sans'];
  if (scripts.has('arabic')) families.push('Noto Sans Arabic');
  return families.join(', ');
}

export function textSvg(el: TextElement): string {
  return el.lines
    .map((line, i) => {
      // Arabic lines read from the right edge of their box, as the script is written.
      const align = el.align === 'start' && isRtl(line) ? 'end' : el.align;
      const x = align === 'start' ? el.x : align === 'center' ? el.x + el.width / 2 : el.x + el.width;
      const anchor = align === 'center' ? 'middle' : align;
      const y = Math.round(el.y + i * el.size * LINE_HEIGHT + el.size * BASELINE);
      return `<text x="${x}" y="${y}" font-family="${fontFamilyFor(line)}" font-size="${el.size}" font-weight="${el.weight}" text-anchor="${anchor}" xml:space="preserve">${escapeXml(line)}</text>`;
    })
    .join('');
}

function elementSvg(el: LabelElement): string {
  if (el.kind === 'text') return textSvg(el);
  if (el.kind === 'box') {
    if (el.thickness === 0) return `<rect x="${el.x}" y="${el.y}" width="${el.width}" height="${el.height}"/>`;
    const t = el.thickness;
    return `<path d="M${el.x},${el.y}h${el.width}v${el.height}h${-el.width}z M${el.x + t},${el.y + t}v${el.height - 2 * t}h${el.width - 2 * t}v${-(el.height - 2 * t)}z" fill-rule="evenodd"/>`;
  }
  const d = barRuns(el.modules)
    .map(([start, run]) => `M${el.x + start * el.module},${el.y}h${run * el.module}v${el.height}h${-run * el.module}z`)
    .join('');
  return `<path d="${d}"/>`;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The page as SVG in printer dots: the on-screen preview, and (rasterised) what raster printers print. `only`
 * keeps some elements out, for printer languages that draw those natively; `region` draws just that part of the
 * page (same coordinates), when only a few elements need an image.
 */
export function pageToSvg(page: LabelPage, only: (el: LabelElement) => boolean = () => true, region?: Region): string {
  const body = page.elements.filter(only).map(elementSvg).join('');
  const view = region ?? { x: 0, y: 0, width: page.widthDots, height: page.heightDots };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" viewBox="${view.x} ${view.y} ${view.width} ${view.height}">` +
    `<rect x="${view.x}" y="${view.y}" width="${view.width}" height="${view.height}" fill="#fff"/><g fill="#000">${body}</g></svg>`
  );
}
