import JsBarcode from 'jsbarcode';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { SandboxOrder, SandboxPackage } from './order-factory';
import { COUNTRY_NAMES, SERVICE_NAMES } from './world';

/** 4 x 6 in at 72 pt per inch. */
const WIDTH = 288;
const HEIGHT = 432;

/** Code 128 modules of a text ("1" = bar), as JsBarcode encodes it without a DOM. */
function code128Modules(text: string): string {
  const target: { encodings?: Array<{ data: string }> } = {};
  JsBarcode(target, text, { format: 'CODE128' });
  return (target.encodings ?? []).map((encoding) => encoding.data).join('');
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

/** A 4x6 in PDF shipping label like the one TikTok issues for its own shipping: carrier, service, address, tracking. */
export async function shippingLabelPdf(order: SandboxOrder, pkg: SandboxPackage): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Shipping label ${pkg.trackingNumber ?? pkg.id}`);
  doc.setProducer('Packbench sandbox marketplace');
  const page = doc.addPage([WIDTH, HEIGHT]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = (value: string, x: number, y: number, size: number, font = regular) => page.drawText(printable(font, value), { x, y, size, font, maxWidth: WIDTH - 2 * x });

  text(pkg.carrier.toUpperCase(), 14, HEIGHT - 34, 22, bold);
  text(SERVICE_NAMES[order.tier], 14, HEIGHT - 52, 11);
  page.drawLine({ start: { x: 10, y: HEIGHT - 62 }, end: { x: WIDTH - 10, y: HEIGHT - 62 }, thickness: 1.5 });
  text('SHIP TO:', 14, HEIGHT - 80, 9, bold);
  const r = order.recipient;
  const addressLines = [r.name, ...r.lines, `${r.city} ${r.region} ${r.postalCode}`, COUNTRY_NAMES[r.country] ?? r.country];
  addressLines.forEach((line, i) => text(line.slice(0, 60), 14, HEIGHT - 96 - i * 14, 11, i === 0 ? bold : regular));
  page.drawLine({ start: { x: 10, y: 200 }, end: { x: WIDTH - 10, y: 200 }, thickness: 1.5 });
  const tracking = pkg.trackingNumber ?? pkg.id;
  drawBarcode(page, code128Modules(tracking), 24, 110, WIDTH - 48, 70);
  text(tracking, 24, 92, 14, bold);
  text(`Order ${order.id}`, 14, 56, 9);
  text(`Package ${pkg.id}`, 14, 42, 9);
  text(`Seller: ${order.shop.name}`, 14, 28, 9);
  return doc.save();
}

/** The same label in ZPL II for 203 dpi label printers (812 x 1218 dots). */
export function shippingLabelZpl(order: SandboxOrder, pkg: SandboxPackage): string {
  const field = (value: string) => value.replace(/[\^~]/g, ' ');
  const r = order.recipient;
  const tracking = pkg.trackingNumber ?? pkg.id;
  const address = [r.name, ...r.lines, `${r.city} ${r.region} ${r.postalCode}`, COUNTRY_NAMES[r.country] ?? r.country];
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
