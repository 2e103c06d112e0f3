import { LINE_HEIGHT } from '../../../../shared/domain/label/text-fit';
import type { LabelPage, TextElement } from '../../../../shared/domain/label/model';
import { crop, type Raster } from '../raster';
import { textRasters, textTop } from '../page-raster';
import { PROBLEM_TEXT, type Driver, type PrinterProblem } from './driver';
import { isNativeText } from './native-text';

/** ^FD data with ^FH: the field escape character itself and ZPL's command prefixes are sent as hex. */
function zplField(text: string): string {
  return text.replace(/[_^~]/g, (char) => `_${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** ^GFA: an image in uncompressed hex, 1 = black like ours. */
function zplGraphic(x: number, y: number, raster: Raster): string {
  const total = raster.rowBytes * raster.height;
  return `^FO${x},${y}^GFA,${total},${total},${raster.rowBytes},${Buffer.from(raster.bits).toString('hex').toUpperCase()}^FS`;
}

/** Font 0 cell height for a Noto size, and where its top sits in our line box, so the text lands where the preview has it. */
function nativeText(el: TextElement): string {
  const justify = el.align === 'center' ? 'C' : el.align === 'end' ? 'R' : 'L';
  return el.lines
    .map((line, i) => {
      const top = Math.round(el.y + i * el.size * LINE_HEIGHT + el.size * 0.1);
      return `^FO${el.x},${top}^A0N,${el.size},${el.size}^FB${el.width},1,0,${justify}^FH^FD${zplField(line)}^FS`;
    })
    .join('\n');
}

/**
 * One label in ZPL II: rules and boxes as ^GB, barcodes as native ^BC (exact module widths, sharper than any image),
 * ASCII text in the printer's scalable font, and only text the printer has no font for (Chinese, Arabic, Cyrillic,
 * accents) as ^GFA images cut from the rendered label.
 */
function pageToZpl(page: LabelPage): string {
  const out = ['^XA', '^CI28', `^PW${page.widthDots}`, `^LL${page.heightDots}`, '^LH0,0'];
  const images = textRasters(
    page.elements.filter((el): el is TextElement => el.kind === 'text' && !isNativeText(el)),
    page.widthDots,
  );
  for (const el of page.elements) {
    if (el.kind === 'box') {
      out.push(`^FO${el.x},${el.y}^GB${el.width},${el.height},${el.thickness || Math.min(el.width, el.height)}^FS`);
    } else if (el.kind === 'barcode') {
      out.push(`^BY${el.module}^FO${el.x},${el.y}^BCN,${el.height},N,N,N,${el.gs1 ? 'D' : 'A'}^FD${el.data}^FS`);
    } else if (isNativeText(el)) {
      out.push(nativeText(el));
    } else {
      const image = images.get(el)!;
      out.push(zplGraphic(el.x, textTop(el), crop(image, el.x, 0, el.width, image.height)));
    }
  }
  out.push('^PQ1', '^XZ');
  return out.join('\n');
}

/** ~HS answers three STX...ETX strings; paper out and pause are in the first, head up (cover open) in the second. */
export function parseZplStatus(reply: Buffer): PrinterProblem | null | undefined {
  const STX = String.fromCharCode(2);
  const ETX = String.fromCharCode(3);
  const strings = reply
    .toString('latin1')
    .split(STX)
    .slice(1)
    .filter((part) => part.includes(ETX))
    .map((part) => part.slice(0, part.indexOf(ETX)).split(','));
  if (strings.length < 2) return undefined;
  const [first, second] = strings as [string[], string[]];
  if (first[1] === '1') return { kind: 'paper_out', message: PROBLEM_TEXT.paper_out };
  if (second[2] === '1') return { kind: 'cover_open', message: PROBLEM_TEXT.cover_open };
  if (first[2] === '1') return { kind: 'paused', message: PROBLEM_TEXT.paused };
  return null;
}

export const zplDriver: Driver = {
  language: 'zpl',
  encodePages: (pages) => Buffer.from(pages.map(pageToZpl).join('\n') + '\n', 'utf8'),
  encodeRasters: (rasters) =>
    Buffer.from(
      rasters
        .map((raster) =>
          ['^XA', `^PW${raster.width}`, `^LL${raster.height}`, '^LH0,0', zplGraphic(0, 0, raster), '^PQ1', '^XZ'].join(
            '\n',
          ),
        )
        .join('\n') + '\n',
      'latin1',
    ),
  statusQuery: Buffer.from('~HS\r\n', 'latin1'),
  parseStatus: parseZplStatus,
};
