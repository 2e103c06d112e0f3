import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { code128Modules } from './barcode';
import type { SandboxOrder, SandboxPackage } from './model';
import { SERVICE_NAMES } from './logistics';
import { COUNTRY_NAMES } from './places';

/** The label is drawn on 4 x 6 in (72 pt per inch), then fitted to the page size asked for. */
const WIDTH = 288;
const HEIGHT = 432;

/** document_size: A6 (default) or A5, in points. */
export const PAGE_SIZES = { A6: [297.64, 419.53], A5: [419.53, 595.28] } as const;
export type PageSize = keyof typeof PAGE_SIZES;

/** Scales what was drawn on 4 x 6 in to the page size, centred. */
function fitTo(page: PDFPage, size: PageSize): void {
  const [width, height] = PAGE_SIZES[size];
  const scale = Math.min(width / WIDTH, height / HEIGHT);
  page.setSize(width, height);
  page.scaleContent(scale, scale);
  page.translateContent((width - WIDTH * scale) / 2, (height - HEIGHT * scale) / 2);
}

/** The standard PDF fonts only speak WinAnsi: other scripts become '?' on this stand-in label (TikTok's has them). */
function printable(font: PDFFont, text: string): string {
  const chars = [...text].map((ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return '?';
    }
  });
  return chars.join('');
}

function drawBarcode(page: PDFPage, modules: string, x: number, y: number, width: number, height: number): void {
  const module = width / modules.length;
  for (let i = 0; i < modules.length; i += 1) {
    if (modules[i] === '1') page.drawRectangle({ x: x + i * module, y, width: module, height, color: rgb(0, 0, 0) });
  }
}

/**
 * The PDF documents of Get Package Shipping Document: the shipping label (carrier, service, address, tracking
 * barcode), the packing slip, or both, one per page.
 */
export async function shippingDocumentPdf(
  order: SandboxOrder,
  pkg: SandboxPackage,
  parts: ReadonlyArray<'label' | 'slip'>,
  size: PageSize,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Shipping documents ${pkg.trackingNumber ?? pkg.id}`);
  doc.setProducer('Packbench sandbox marketplace');
  for (const part of parts) {
    const page = doc.addPage([WIDTH, HEIGHT]);
    if (part === 'label') await drawLabel(doc, page, order, pkg);
    else await drawPackingSlip(doc, page, order, pkg);
    fitTo(page, size);
  }
  return doc.save();
}

async function drawPackingSlip(
  doc: PDFDocument,
  page: PDFPage,
  order: SandboxOrder,
  pkg: SandboxPackage,
): Promise<void> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = (value: string, x: number, y: number, size: number, font = regular) =>
    page.drawText(printable(font, value), { x, y, size, font, maxWidth: WIDTH - 2 * x });
  text('PACKING SLIP', 14, HEIGHT - 34, 18, bold);
  text(`Order ${order.id}`, 14, HEIGHT - 54, 9);
  text(`Package ${pkg.id}`, 14, HEIGHT - 66, 9);
  page.drawLine({ start: { x: 10, y: HEIGHT - 76 }, end: { x: WIDTH - 10, y: HEIGHT - 76 }, thickness: 1 });
  const lines = order.lines.filter((line) => line.packageId === pkg.id);
  lines.slice(0, 22).forEach((line, i) => {
    text(
      `${line.sku.sellerSku}  ${line.sku.product.title} (${line.sku.variant})${line.isGift ? ' - gift' : ''}`.slice(
        0,
        70,
      ),
      14,
      HEIGHT - 94 - i * 14,
      8,
    );
  });
  text(`${lines.length} item(s)`, 14, 28, 9, bold);
}

async function drawLabel(doc: PDFDocument, page: PDFPage, order: SandboxOrder, pkg: SandboxPackage): Promise<void> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = (value: string, x: number, y: number, size: number, font = regular) =>
    page.drawText(printable(font, value), { x, y, size, font, maxWidth: WIDTH - 2 * x });

  text(pkg.carrier.toUpperCase(), 14, HEIGHT - 34, 22, bold);
  text(SERVICE_NAMES[order.tier], 14, HEIGHT - 52, 11);
  page.drawLine({ start: { x: 10, y: HEIGHT - 62 }, end: { x: WIDTH - 10, y: HEIGHT - 62 }, thickness: 1.5 });
  text('SHIP TO:', 14, HEIGHT - 80, 9, bold);
  const r = order.recipient;
  const addressLines = [
    r.name,
    ...r.lines.filter(Boolean),
    [r.city, r.district, r.region, r.postalCode].filter(Boolean).join(' '),
    COUNTRY_NAMES[r.country] ?? r.country,
  ];
  addressLines.forEach((line, i) => text(line.slice(0, 60), 14, HEIGHT - 96 - i * 14, 11, i === 0 ? bold : regular));
  page.drawLine({ start: { x: 10, y: 200 }, end: { x: WIDTH - 10, y: 200 }, thickness: 1.5 });
  const tracking = pkg.trackingNumber ?? pkg.id;
  drawBarcode(page, code128Modules(tracking), 24, 110, WIDTH - 48, 70);
  text(tracking, 24, 92, 14, bold);
  text(`Order ${order.id}`, 14, 56, 9);
  text(`Package ${pkg.id}`, 14, 42, 9);
  text(`Seller: ${order.shop.name}`, 14, 28, 9);
}

/** The same label in ZPL II for 203 dpi label printers (812 x 1218 dots). */
export function shippingLabelZpl(order: SandboxOrder, pkg: SandboxPackage): string {
  const field = (value: string) => value.replace(/[\^~]/g, ' ');
  const r = order.recipient;
  const tracking = pkg.trackingNumber ?? pkg.id;
  const address = [
    r.name,
    ...r.lines.filter(Boolean),
    [r.city, r.district, r.region, r.postalCode].filter(Boolean).join(' '),
    COUNTRY_NAMES[r.country] ?? r.country,
  ];
  return [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL1218',
    `^FO40,40^A0N,70,70^FD${field(pkg.carrier.toUpperCase())}^FS`,
    `^FO40,120^A0N,34,34^FD${field(SERVICE_NAMES[order.tier])}^FS`,
    '^FO30,170^GB752,4,4^FS',
    '^FO40,200^A0N,30,30^FDSHIP TO:^FS',
    ...address.map((line, i) => `^FO40,${245 + i * 42}^A0N,36,36^FD${field(line.slice(0, 60))}^FS`),
    '^FO30,700^GB752,4,4^FS',
    `^FO60,740^BY3^BCN,220,N,N,N^FD${field(tracking)}^FS`,
    `^FO60,980^A0N,44,44^FD${field(tracking)}^FS`,
    `^FO40,1080^A0N,28,28^FDOrder ${order.id}  Package ${pkg.id}^FS`,
    `^FO40,1130^A0N,28,28^FDSeller: ${field(order.shop.name)}^FS`,
    '^XZ',
    '',
  ].join('\n');
}

/**
 * The packing slip in ZPL II, as a Brazilian shop gets it with document_format=ZPL (the spec serves ZPL in Brazil
 * only): the same content as the PDF slip, one line per unit of the package.
 */
export function packingSlipZpl(order: SandboxOrder, pkg: SandboxPackage): string {
  const field = (value: string) => value.replace(/[\^~]/g, ' ');
  const lines = order.lines.filter((line) => line.packageId === pkg.id);
  return [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL1218',
    '^FO40,40^A0N,56,56^FDPACKING SLIP^FS',
    `^FO40,110^A0N,28,28^FDOrder ${order.id}^FS`,
    `^FO40,145^A0N,28,28^FDPackage ${pkg.id}^FS`,
    '^FO30,185^GB752,4,4^FS',
    ...lines
      .slice(0, 24)
      .map(
        (line, i) =>
          `^FO40,${210 + i * 36}^A0N,28,28^FD${field(`${line.sku.sellerSku}  ${line.sku.product.title} (${line.sku.variant})${line.isGift ? ' - gift' : ''}`.slice(0, 60))}^FS`,
      ),
    `^FO40,1140^A0N,30,30^FD${lines.length} item(s)^FS`,
    '^XZ',
    '',
  ].join('\n');
}
