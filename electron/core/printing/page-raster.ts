import { barRuns } from '../../../shared/domain/label/code128';
import type { LabelElement, LabelPage, TextElement } from '../../../shared/domain/label/model';
import { textSvg } from '../../../shared/domain/label/svg';
import { LINE_HEIGHT } from '../../../shared/domain/label/text-fit';
import { blankRaster, blit, crop, fillRect, type Raster } from './raster';
import { rasterise } from './rasterise';

/** Rendered text blocks by content and place: the sender, headings and country lines repeat on every label. */
const cache = new Map<string, Raster>();
const CACHE_LIMIT = 1000;

const keyOf = (el: TextElement, width: number): string =>
  JSON.stringify([width, el.x, el.width, el.size, el.weight, el.align, el.lines]);

/** The rows a text block can ink, with room for accents above the first line and descenders below the last. */
function band(el: TextElement): { top: number; height: number } {
  const pad = Math.ceil(el.size * 0.4);
  return { top: el.y - pad, height: Math.ceil(el.lines.length * el.size * LINE_HEIGHT) + 2 * pad };
}

/**
 * Full-width 1-bit images of text blocks, drawn with the shipped fonts. Blocks not seen before are drawn together
 * in one SVG, stacked one under the other, so a label costs one drawing of its new text only.
 */
export function textRasters(blocks: readonly TextElement[], width: number): Map<TextElement, Raster> {
  const out = new Map<TextElement, Raster>();
  const missing = blocks.filter((el) => {
    const hit = cache.get(keyOf(el, width));
    if (hit) out.set(el, hit);
    return !hit;
  });
  if (missing.length > 0) {
    let offset = 0;
    const placed = missing.map((el) => {
      const { top, height } = band(el);
      const at = offset;
      offset += height;
      return { el, at, top, height };
    });
    const body = placed.map((p) => `<g transform="translate(0,${p.at - p.top})">${textSvg(p.el)}</g>`).join('');
    const stacked = rasterise(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${offset}"><rect width="100%" height="100%" fill="#fff"/><g fill="#000">${body}</g></svg>`,
    );
    if (cache.size + placed.length > CACHE_LIMIT) cache.clear();
    for (const p of placed) {
      const slice = crop(stacked, 0, p.at, width, p.height);
      cache.set(keyOf(p.el, width), slice);
      out.set(p.el, slice);
    }
  }
  return out;
}

/** Where a text block's image goes on the page. */
export const textTop = (el: TextElement): number => band(el).top;

/**
 * The page as the 1-bit raster a thermal head prints: rules and barcodes set dot by dot (bars exactly whole modules
 * wide, sharper than any drawing), text from the shipped fonts. `only` leaves out what a printer draws itself.
 */
export function rasterisePage(page: LabelPage, only: (el: LabelElement) => boolean = () => true): Raster {
  const raster = blankRaster(page.widthDots, page.heightDots);
  const elements = page.elements.filter(only);
  for (const el of elements) {
    if (el.kind === 'box') {
      if (el.thickness === 0) fillRect(raster, el.x, el.y, el.width, el.height);
      else {
        const t = el.thickness;
        fillRect(raster, el.x, el.y, el.width, t);
        fillRect(raster, el.x, el.y + el.height - t, el.width, t);
        fillRect(raster, el.x, el.y, t, el.height);
        fillRect(raster, el.x + el.width - t, el.y, t, el.height);
      }
    } else if (el.kind === 'barcode') {
      for (const [start, run] of barRuns(el.modules))
        fillRect(raster, el.x + start * el.module, el.y, run * el.module, el.height);
    }
  }
  const texts = elements.filter((el): el is TextElement => el.kind === 'text');
  for (const [el, image] of textRasters(texts, page.widthDots)) blit(raster, image, 0, textTop(el));
  return raster;
}
