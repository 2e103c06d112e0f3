import { addressLines } from './address';
import type { LabelInput } from './build-label';
import { code128Modules, QUIET_MODULES } from './code128';
import { CATEGORY_TEXT, CN22_ROWS, formatMoney, type CustomsArticle, type CustomsDeclaration } from './customs';
import { Layout, type Box } from './layout';
import type { LabelPage } from './model';
import { ellipsize, LINE_HEIGHT, wrap } from './text-fit';

/** Column starts (fraction of the width) of the articles table: description, qty, kg, value, HS, origin. */
const COLUMNS = [0, 0.41, 0.48, 0.59, 0.76, 0.88] as const;
const HEADINGS = ['Description', 'Qty', 'kg', 'Value', 'HS', 'Origin'] as const;

function cells(article: CustomsArticle): string[] {
  return [
    article.description,
    String(article.quantity),
    article.netWeightKg.toFixed(3),
    formatMoney(article.valueCents, article.currency),
    article.hsCode,
    article.origin,
  ];
}

/**
 * One table row, returning its height. On the CN22 block the description is summarised to one line (the CN23
 * carries it in full); on the CN23 it wraps. Every other cell is short by nature.
 */
function row(
  at: Layout,
  role: string,
  values: readonly string[],
  x: number,
  y: number,
  width: number,
  size: number,
  weight: 400 | 700,
  wrapDescription = false,
): number {
  let lines = 1;
  COLUMNS.forEach((start, i) => {
    const left = x + Math.round(width * start);
    const right = x + Math.round(width * (COLUMNS[i + 1] ?? 1)) - at.mm(0.8);
    const value = values[i] ?? '';
    const text =
      i === 0 && wrapDescription
        ? wrap(value, right - left, size, weight)
        : [ellipsize(value, right - left, size, weight)];
    lines = Math.max(lines, text.length);
    at.text(`${role}-${i}`, text, left, y, right - left, size, weight);
  });
  return Math.round(lines * size * LINE_HEIGHT);
}

/** The CN22 block printed on the label of an international parcel. */
export function customsBlock(at: Layout, customs: CustomsDeclaration, box: Box, date: string): void {
  const size = at.mm(2.2);
  const line = Math.round(size * LINE_HEIGHT);
  let y = box.y;
  at.fit(
    'customs-title',
    ['CUSTOMS DECLARATION CN22 | May be opened officially'],
    { ...box, y, height: at.mm(3.6) },
    at.mm(2.7),
    at.mm(1.8),
    700,
  );
  y += at.mm(3.8);
  at.fit(
    'customs-category',
    [`Category: [X] ${CATEGORY_TEXT[customs.category]}`],
    { ...box, y, height: line },
    size,
    at.mm(1.6),
    400,
  );
  y += line;
  row(at, 'customs-head', HEADINGS, box.x, y, box.width, size, 700);
  y += line;
  const shown = customs.articles.slice(0, CN22_ROWS);
  for (const article of shown) {
    row(at, 'customs-row', cells(article), box.x, y, box.width, size, 400);
    y += line;
  }
  if (customs.articles.length > shown.length) {
    at.text(
      'customs-more',
      [`+ ${customs.articles.length - shown.length} more articles: see CN23`],
      box.x,
      y,
      box.width,
      size,
      400,
    );
    y += line;
  }
  at.fit(
    'customs-total',
    [`Total ${customs.totalWeightKg.toFixed(3)} kg | ${formatMoney(customs.totalValueCents, customs.currency)}`],
    { ...box, y, height: line },
    size,
    at.mm(1.6),
    700,
  );
  y += line;
  const closing =
    customs.form === 'CN23'
      ? `CN23 attached (${customs.cn23Reason}).`
      : `I certify that the particulars given in this declaration are correct. ${date}`;
  at.fit('customs-sign', [closing], { ...box, y, height: box.y + box.height - y }, size, at.mm(1.5), 400);
}

/** The CN23 page that goes with a parcel over the CN22 limits: full parties, every article, totals, signature. */
export function cn23Page(
  input: LabelInput,
  customs: CustomsDeclaration,
  dots: { width: number; height: number },
): LabelPage {
  const at = new Layout(input.dpi);
  const margin = at.mm(3);
  const width = dots.width - 2 * margin;
  const size = at.mm(2.4);
  const line = Math.round(size * LINE_HEIGHT);
  let y = margin;
  at.fit(
    'cn23-title',
    ['CUSTOMS DECLARATION CN23'],
    { x: margin, y, width, height: at.mm(6) },
    at.mm(4.5),
    at.mm(3),
    700,
  );
  y += at.mm(6.5);
  const modules = code128Modules(input.tracking.number, input.tracking.gs1);
  const module = Math.max(1, Math.min(at.mm(0.25), Math.floor(width / (modules.length + 2 * QUIET_MODULES))));
  at.barcode('cn23-tracking', {
    x: margin,
    y,
    height: at.mm(10),
    module,
    modules,
    data: input.tracking.number,
    gs1: input.tracking.gs1,
  });
  y += at.mm(11);
  at.text(
    'cn23-tracking-text',
    [`Item no. ${input.tracking.number} | Invoice no. ${input.order.id}`],
    margin,
    y,
    width,
    size,
    700,
  );
  y += line + at.mm(1);
  const party = (role: string, title: string, name: string, phone: string, lines: string[], height: number) => {
    const fitted = at.fit(
      role,
      [`${title}: ${name}${phone ? ` | Tel. ${phone}` : ''}`, ...lines],
      { x: margin, y, width, height },
      size,
      at.mm(1.8),
      400,
    );
    y += Math.round(fitted.height) + at.mm(1);
  };
  party(
    'cn23-sender',
    'From',
    input.seller.name,
    input.seller.phone,
    addressLines({ company: '', ...input.seller }),
    at.mm(20),
  );
  party(
    'cn23-addressee',
    'To',
    input.order.recipient.name,
    input.order.recipient.phone,
    addressLines(input.order.recipient),
    at.mm(26),
  );
  at.text(
    'cn23-importer',
    [`Importer's reference (tax/VAT): ${customs.importerReference || '________________'}`],
    margin,
    y,
    width,
    size,
    400,
  );
  y += line;
  at.text('cn23-category', [`Category: [X] ${CATEGORY_TEXT[customs.category]}`], margin, y, width, size, 400);
  y += line + at.mm(1);
  const tableSize = at.mm(2.1);
  const tableLine = Math.round(tableSize * LINE_HEIGHT);
  row(at, 'cn23-head', HEADINGS, margin, y, width, tableSize, 700);
  y += tableLine;
  for (const article of customs.articles)
    y += row(at, 'cn23-row', cells(article), margin, y, width, tableSize, 400, true);
  at.box(margin, y, width, Math.max(2, at.mm(0.3)), 0);
  y += at.mm(1);
  const closing = [
    `Total gross weight ${customs.totalWeightKg.toFixed(3)} kg | Total value ${formatMoney(customs.totalValueCents, customs.currency)}`,
    'Postal charges/fees: ________   Licence no.: ________   Certificate no.: ________',
    `Comments: ${customs.cn23Reason}`,
    'I certify that the particulars given in this customs declaration are correct and that this item does not contain any dangerous article prohibited by postal regulations.',
    `Date: ${input.shipDate}      Signature of sender: ____________________`,
  ];
  at.fit(
    'cn23-closing',
    closing,
    { x: margin, y, width, height: dots.height - margin - y },
    size,
    at.mm(1.5),
    400,
    'start',
    'The CN23 has more articles than fit one page.',
  );
  return { widthDots: dots.width, heightDots: dots.height, dpi: input.dpi, elements: at.elements };
}
