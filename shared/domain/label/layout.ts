import { LabelError, type BarcodeElement, type Dpi, type LabelElement } from './model';
import { cleanLabelText } from '../text/clean';
import { fitParagraphs, LINE_HEIGHT, wrap, type Fitted } from './text-fit';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Collects the elements of one page, sized in mm and placed in dots at the page's resolution. */
export class Layout {
  readonly elements: LabelElement[] = [];

  constructor(readonly dpi: Dpi) {}

  mm = (value: number): number => Math.round((value * this.dpi) / 25.4);

  box(x: number, y: number, width: number, height: number, thickness: number): void {
    this.elements.push({ kind: 'box', x, y, width, height, thickness });
  }

  barcode(role: string, spec: Omit<BarcodeElement, 'kind' | 'role'>): void {
    this.elements.push({ kind: 'barcode', role, ...spec });
  }

  /** Every line of text on a label passes here: whatever a seller or buyer typed is cleaned before it is drawn or sent. */
  text(
    role: string,
    lines: string[],
    x: number,
    y: number,
    width: number,
    size: number,
    weight: 400 | 700,
    align: 'start' | 'center' | 'end' = 'start',
  ): void {
    if (lines.length > 0)
      this.elements.push({ kind: 'text', role, x, y, width, lines: lines.map(cleanLabelText), size, weight, align });
  }

  /** Wraps and shrinks paragraphs into the box; text that cannot fit even at minSize is an error, never clipped. */
  fit(
    role: string,
    paragraphs: string[],
    box: Box,
    maxSize: number,
    minSize: number,
    weight: 400 | 700,
    align: 'start' | 'center' | 'end' = 'start',
    tooLong?: string,
  ): Fitted {
    const fitted = fitParagraphs(paragraphs.map(cleanLabelText), {
      width: box.width,
      height: box.height,
      maxSize,
      minSize,
      weight,
    });
    if (!fitted)
      throw new LabelError(
        tooLong ?? `The ${role} text is too long for the label: ${paragraphs.join(' ').slice(0, 60)}…`,
      );
    this.text(role, fitted.lines, box.x, box.y, box.width, fitted.size, weight, align);
    return fitted;
  }

  /**
   * The recipient block: name large and bold, street lines regular, locality and country bold (what sorters read
   * first). All shrink together, so a long street does not make the postal code smaller than the street.
   */
  fitRecipient(rawName: string, rawLines: string[], box: Box): boolean {
    const name = cleanLabelText(rawName);
    const lines = rawLines.map(cleanLabelText);
    const streets = lines.slice(0, -2);
    const locality = lines.slice(-2);
    // 15 dots at 203 dpi: the smallest print a sorter still reads at arm's length.
    const minLine = this.mm(1.9);
    for (let scale = 1; ; scale *= 0.93) {
      const nameSize = Math.max(minLine, Math.round(this.mm(6) * scale));
      const lineSize = Math.max(minLine, Math.round(this.mm(4.6) * scale));
      const nameLines = wrap(name, box.width, nameSize, 700);
      const streetLines = streets.flatMap((line) => wrap(line, box.width, lineSize, 400));
      const localityLines = locality.flatMap((line) => wrap(line, box.width, lineSize, 700));
      const gap = Math.round(lineSize * 0.3);
      const height =
        nameLines.length * nameSize * LINE_HEIGHT +
        gap +
        (streetLines.length + localityLines.length) * lineSize * LINE_HEIGHT;
      if (height <= box.height) {
        let y = box.y;
        this.text('recipient-name', nameLines, box.x, y, box.width, nameSize, 700);
        y += Math.round(nameLines.length * nameSize * LINE_HEIGHT) + gap;
        this.text('recipient-address', streetLines, box.x, y, box.width, lineSize, 400);
        y += Math.round(streetLines.length * lineSize * LINE_HEIGHT);
        this.text('recipient-locality', localityLines, box.x, y, box.width, lineSize, 700);
        return true;
      }
      if (lineSize === minLine && nameSize === minLine) return false;
    }
  }
}
