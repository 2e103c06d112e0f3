import { Resvg } from '@resvg/resvg-js';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { code128Modules } from './barcode';
import type { SandboxOrder, SandboxPackage } from './model';
import { SERVICE_NAMES } from './logistics';
import { COUNTRY_NAMES } from './places';

/** 4 x 6 in at 203 dpi, the size of a thermal label (and of TikTok's SHIPPING_LABEL_PICTURE). */
const LABEL_DOTS = { width: 812, height: 1218 } as const;
const QUIET = 30;

/** The app's label fonts (resources/fonts), found from here upwards; none: the system's. */
function fontFiles(needCjk: boolean): string[] {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const fonts = join(dir, 'resources', 'fonts');
    if (existsSync(fonts)) {
      return readdirSync(fonts)
        .filter((file) => /^NotoSans(Core|Arabic)-.*\.ttf$/.test(file) || (needCjk && file === 'NotoSansSC-Common.ttf'))
        .map((file) => join(fonts, file));
    }
    if (dirname(dir) === dir) return [];
  }
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

function text(value: string, x: number, y: number, size: number, bold = false): string {
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${bold ? 700 : 400}" xml:space="preserve">${escapeXml(value.slice(0, 48))}</text>`;
}

/** Code 128 bars, the widest whole-dot module (2 to 4 dots) that fits between the quiet zones. */
function barcode(value: string, y: number, height: number): string {
  const modules = code128Modules(value);
  const module = Math.max(2, Math.min(4, Math.floor((LABEL_DOTS.width - 2 * QUIET) / modules.length)));
  const x0 = Math.round((LABEL_DOTS.width - modules.length * module) / 2);
  let d = '';
  for (let i = 0; i < modules.length; ) {
    if (modules[i] !== '1') {
      i += 1;
      continue;
    }
    let run = 1;
    while (modules[i + run] === '1') run += 1;
    d += `M${x0 + i * module},${y}h${run * module}v${height}h${-run * module}z`;
    i += run;
  }
  return `<path d="${d}"/>`;
}

/** The label as a 1-bit-clean PNG at 203 dpi: carrier, service, address, a Code 128 of the tracking number. */
export function shippingLabelPng(order: SandboxOrder, pkg: SandboxPackage): Buffer {
  const r = order.recipient;
  const tracking = pkg.trackingNumber ?? pkg.id;
  const address = [
    r.name,
    ...r.lines.filter(Boolean),
    [r.city, r.district, r.region, r.postalCode].filter(Boolean).join(' '),
    COUNTRY_NAMES[r.country] ?? r.country,
  ];
  const body = [
    `<rect width="${LABEL_DOTS.width}" height="${LABEL_DOTS.height}" fill="#fff"/>`,
    '<g fill="#000" font-family="Noto Sans Core, Noto Sans Arabic, Noto Sans SC Common, sans-serif">',
    text(pkg.carrier.toUpperCase(), 40, 100, 72, true),
    text(SERVICE_NAMES[order.tier], 40, 150, 34),
    `<rect x="30" y="175" width="752" height="4"/>`,
    text('SHIP TO:', 40, 230, 30, true),
    ...address.map((line, i) => text(line, 40, 280 + i * 44, 36, i === 0)),
    `<rect x="30" y="690" width="752" height="4"/>`,
    barcode(tracking, 730, 220),
    text(tracking, 60, 1010, 44, true),
    text(`Order ${order.id}`, 40, 1090, 28),
    text(`Package ${pkg.id}`, 40, 1130, 28),
    text(`Seller: ${order.shop.name}`, 40, 1170, 28),
    '</g>',
  ].join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_DOTS.width}" height="${LABEL_DOTS.height}" shape-rendering="crispEdges">${body}</svg>`;
  const files = fontFiles(/[\u3000-\u9fff]/.test(svg));
  const resvg = new Resvg(svg, {
    font: { fontFiles: files, loadSystemFonts: files.length === 0, defaultFontFamily: 'Noto Sans Core' },
    shapeRendering: 1,
  });
  return withDpi(resvg.render().asPng(), 203);
}

/** Adds a pHYs chunk after IHDR, so the PNG says it is 203 dpi (resvg writes none) and prints at 4 x 6 in. */
function withDpi(png: Buffer, dpi: number): Buffer {
  const perMetre = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data[8] = 1;
  const type = Buffer.from('pHYs', 'ascii');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  // Signature (8 bytes) and IHDR (4 length + 4 type + 13 data + 4 CRC) come first.
  const afterIhdr = 8 + 25;
  return Buffer.concat([png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr)]);
}
