import { z } from 'zod';
import type { Order } from '../orders/order';
import { addressLines } from './address';
import { QUIET_MODULES, code128Modules } from './code128';
import { declareCustoms, type CustomsDeclaration, type CustomsSettings } from './customs';
import { customsBlock, cn23Page } from './customs-layout';
import { Layout } from './layout';
import { labelDots, LabelError, type Dpi, type LabelDocument, type LabelPage, type LabelSize } from './model';

export const SellerAddress = z.object({
  name: z.string().min(1),
  phone: z.string().default(''),
  lines: z.array(z.string()).min(1),
  city: z.string().default(''),
  region: z.string().default(''),
  postalCode: z.string().min(1),
  countryCode: z.string().length(2),
});
export type SellerAddress = z.infer<typeof SellerAddress>;

export interface LabelInput {
  order: Order;
  seller: SellerAddress;
  /** Validated tracking number; gs1 when its barcode is GS1-128 (USPS IMpb, FedEx Ground 96). */
  tracking: { number: string; gs1: boolean };
  carrier: string;
  /** The parcel's gross weight; null when it was not weighed: the label then names no weight at all. */
  weightGrams: number | null;
  /** YYYY-MM-DD in the station's time zone. */
  shipDate: string;
  reprint: boolean;
  customs: CustomsSettings;
  size: LabelSize;
  dpi: Dpi;
}

function formatWeight(grams: number): string {
  return `${(grams / 1000).toFixed(grams < 1000 ? 3 : 2)} kg`;
}

/** Module width for a barcode that must fit `width` dots: as wide as reads well, never wider than fits. */
function moduleFor(modules: string, width: number, dpi: Dpi, maxMm: number): number {
  const fits = Math.floor(width / (modules.length + 2 * QUIET_MODULES));
  const module = Math.min(fits, Math.max(1, Math.round((maxMm * dpi) / 25.4)));
  if (module < 1) throw new LabelError(`The barcode of ${modules.length} modules is too wide for the label.`);
  return module;
}

/** mm of each fixed band of the label, top to bottom; the recipient gets what is left. */
const BAND = { margin: 2.5, header: 12, from: 15, tracking: 30, order: 17, customs: 28, rule: 0.4 };

/**
 * The one label design, built from the order: what the preview shows and every printer language prints. Pure;
 * throws LabelError with a message for the packer when the label cannot be made without losing information.
 */
export function buildLabel(input: LabelInput): LabelDocument {
  const { order, seller, dpi } = input;
  const dots = labelDots(input.size, dpi);
  const at = new Layout(dpi);
  const mm = at.mm;
  const margin = mm(BAND.margin);
  const width = dots.width - 2 * margin;
  const rule = Math.max(2, mm(BAND.rule));
  const international = order.recipient.countryCode.toUpperCase() !== seller.countryCode.toUpperCase();
  let customs: CustomsDeclaration | null = null;
  if (international) {
    if (input.weightGrams === null)
      throw new LabelError(
        'This parcel leaves the country: weigh it first, its customs form (CN22/CN23) carries its weight.',
      );
    const declared = declareCustoms(order, input.weightGrams, input.customs);
    if ('problem' in declared) throw new LabelError(declared.problem);
    customs = declared;
  }
  const service = order.service.toUpperCase();
  const weight = input.weightGrams === null ? null : formatWeight(input.weightGrams);
  let y = margin;

  // Header: carrier and service left, ship date and weight right, REPRINT between when it is one.
  const headerH = mm(BAND.header);
  const leftW = Math.round(width * 0.4);
  at.fit('carrier', [input.carrier], { x: margin, y, width: leftW, height: mm(6.5) }, mm(5.5), mm(3), 700);
  at.fit('service', [service], { x: margin, y: y + mm(7), width: leftW, height: mm(4.5) }, mm(3.6), mm(2.5), 700);
  const rightX = margin + Math.round(width * 0.62);
  const rightW = margin + width - rightX;
  at.fit(
    'ship-date',
    [`SHIP DATE ${input.shipDate}`],
    { x: rightX, y, width: rightW, height: mm(4.5) },
    mm(2.8),
    mm(2),
    400,
    'end',
  );
  if (weight)
    at.fit(
      'weight',
      [`WEIGHT ${weight}`],
      { x: rightX, y: y + mm(5), width: rightW, height: mm(4.5) },
      mm(2.8),
      mm(2),
      700,
      'end',
    );
  if (input.reprint) {
    const boxX = margin + leftW + mm(1);
    const boxW = rightX - boxX - mm(1);
    at.box(boxX, y + mm(1.5), boxW, mm(8), Math.max(3, mm(0.5)));
    at.fit('reprint', ['REPRINT'], { x: boxX, y: y + mm(3), width: boxW, height: mm(5) }, mm(4), mm(2), 700, 'center');
  }
  y += headerH;
  at.box(margin, y, width, rule, 0);
  y += rule + mm(1);

  // Sender.
  at.fit('from-label', ['FROM'], { x: margin, y, width, height: mm(3) }, mm(2.3), mm(2), 700);
  const sellerLines = addressLines({ company: '', ...seller });
  const fromH = mm(BAND.from) - mm(4);
  const fromParagraphs = [seller.name, sellerLines.slice(0, -2).join(', '), sellerLines.slice(-2).join(', ')];
  const tooLong = 'The seller name and address are too long for the label: shorten them in Settings.';
  at.fit(
    'from',
    fromParagraphs,
    { x: margin, y: y + mm(3.2), width, height: fromH },
    mm(2.8),
    mm(1.9),
    400,
    'start',
    tooLong,
  );
  y += mm(BAND.from);
  at.box(margin, y, width, rule, 0);
  y += rule + mm(1);

  // Recipient: everything the fixed bands below leave.
  const below = mm(BAND.tracking) + mm(BAND.order) + (customs ? mm(BAND.customs) : 0) + 3 * rule;
  const toHeight = dots.height - margin - below - y;
  at.fit('to-label', ['SHIP TO'], { x: margin, y, width, height: mm(3.4) }, mm(2.6), mm(2), 700);
  const recipientLines = addressLines(order.recipient);
  const fits = at.fitRecipient(order.recipient.name, recipientLines, {
    x: margin + mm(2),
    y: y + mm(4),
    width: width - mm(2),
    height: toHeight - mm(5),
  });
  if (!fits)
    throw new LabelError(
      `The buyer's name and address are too long to fit the label even in small print (${recipientLines.join(' ').length} characters).`,
    );
  y += toHeight;
  at.box(margin, y, width, rule, 0);
  y += rule;

  // Tracking barcode with its human-readable number.
  const trackingModules = code128Modules(input.tracking.number, input.tracking.gs1);
  const trackingModule = moduleFor(trackingModules, width, dpi, 0.375);
  const trackingBarsW = trackingModules.length * trackingModule;
  at.barcode('tracking', {
    x: margin + Math.round((width - trackingBarsW) / 2),
    y: y + mm(2),
    height: mm(21),
    module: trackingModule,
    modules: trackingModules,
    data: input.tracking.number,
    gs1: input.tracking.gs1,
  });
  at.fit(
    'tracking-text',
    [input.tracking.number],
    { x: margin, y: y + mm(24), width, height: mm(5) },
    mm(3.6),
    mm(2.4),
    700,
    'center',
  );
  y += mm(BAND.tracking);
  at.box(margin, y, width, rule, 0);
  y += rule + mm(1);

  // Order number as text and as a second barcode.
  const units = order.lines.length;
  at.fit(
    'order-text',
    [`ORDER ${order.id} | ${units} ${units === 1 ? 'item' : 'items'}`],
    { x: margin, y, width, height: mm(4.5) },
    mm(3.2),
    mm(2),
    700,
  );
  const orderModules = code128Modules(order.id);
  const orderModule = moduleFor(orderModules, width, dpi, 0.25);
  at.barcode('order', {
    x: margin + Math.round((width - orderModules.length * orderModule) / 2),
    y: y + mm(5),
    height: mm(10),
    module: orderModule,
    modules: orderModules,
    data: order.id,
    gs1: false,
  });
  y += mm(BAND.order);

  if (customs) {
    at.box(margin, y, width, rule, 0);
    y += rule + mm(1);
    customsBlock(at, customs, { x: margin, y, width, height: mm(BAND.customs) - mm(2) }, input.shipDate);
  }

  const label: LabelPage = { widthDots: dots.width, heightDots: dots.height, dpi, elements: at.elements };
  const pages = [label];
  if (customs?.form === 'CN23') pages.push(cn23Page(input, customs, dots));
  return {
    pages,
    customsForm: customs?.form ?? null,
    fields: {
      recipientName: order.recipient.name,
      recipientAddress: recipientLines,
      recipientPostalCode: order.recipient.postalCode,
      orderNumber: order.id,
      sellerName: seller.name,
      sellerAddress: sellerLines,
      carrier: input.carrier,
      service,
      weight,
      shipDate: input.shipDate,
      trackingNumber: input.tracking.number,
    },
  };
}
