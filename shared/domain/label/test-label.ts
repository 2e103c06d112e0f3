import { code128Modules } from './code128';
import { Layout } from './layout';
import { labelDots, type Dpi, type LabelPage, type LabelSize } from './model';

const TEST_BARCODE = 'PACKBENCH-TEST';

/** A test label: a frame to the label's edges (shows the printable area), the printer's settings, a barcode. */
export function buildTestLabel(size: LabelSize, dpi: Dpi, lines: string[]): LabelPage {
  const dots = labelDots(size, dpi);
  const at = new Layout(dpi);
  const margin = at.mm(2);
  const width = dots.width - 2 * margin;
  at.box(margin, margin, width, dots.height - 2 * margin, Math.max(2, at.mm(0.5)));
  at.fit(
    'test-title',
    ['Packbench test label'],
    { x: margin + at.mm(4), y: margin + at.mm(6), width: width - at.mm(8), height: at.mm(10) },
    at.mm(7),
    at.mm(4),
    700,
  );
  at.fit(
    'test-details',
    lines,
    { x: margin + at.mm(4), y: margin + at.mm(20), width: width - at.mm(8), height: at.mm(50) },
    at.mm(4),
    at.mm(2.5),
    400,
  );
  const modules = code128Modules(TEST_BARCODE);
  const module = Math.min(at.mm(0.375), Math.floor((width - at.mm(8)) / (modules.length + 20)));
  at.barcode('test-barcode', {
    x: margin + Math.round((width - modules.length * module) / 2),
    y: margin + at.mm(80),
    height: at.mm(20),
    module,
    modules,
    data: TEST_BARCODE,
    gs1: false,
  });
  at.fit(
    'test-text',
    [TEST_BARCODE],
    { x: margin, y: margin + at.mm(102), width, height: at.mm(6) },
    at.mm(4),
    at.mm(3),
    700,
    'center',
  );
  return { widthDots: dots.width, heightDots: dots.height, dpi, elements: at.elements };
}
