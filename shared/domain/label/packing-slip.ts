import type { Order, OrderLine } from '../orders/order';
import { addressLines } from './address';
import { Layout } from './layout';
import { labelDots, type Dpi, type LabelPage, type LabelSize } from './model';
import { fitParagraphs, LINE_HEIGHT, wrap } from './text-fit';

/** Which packing slip a setting asks for with each label (Settings, printing.packingSlip). */
export type PackingSlipSetting = 'off' | 'every' | 'gift';

/**
 * A gift order: TikTok marks gift lines (`is_gift` of Get Order Detail's line items), the only gift mark its
 * reference has. One gift line makes the parcel a gift parcel: its slip shows no price at all.
 */
export const isGiftOrder = (order: Pick<Order, 'lines'>): boolean => order.lines.some((line) => line.isGift);

/** Whether the setting asks for a slip with this order's label. */
export function wantsPackingSlip(setting: PackingSlipSetting, order: Pick<Order, 'lines'>): boolean {
  return setting === 'every' || (setting === 'gift' && isGiftOrder(order));
}

export interface PackingSlipInput {
  order: Order;
  sellerName: string;
  size: LabelSize;
  dpi: Dpi;
}

/** One row of the slip: the units of one SKU (TikTok sends one line per unit). */
export interface SlipItem {
  name: string;
  variant: string;
  sku: string;
  quantity: number;
  /** The row's amount in minor units of `decimals` places; null on a gift slip. */
  amount: { minor: number; decimals: number; currency: string } | null;
}

/** "12.99" as 1299 with 2 decimals; whatever is not a plain decimal counts as 0 (the slip never guesses a price). */
function minorUnits(price: string): { minor: number; decimals: number } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(price.trim());
  if (!match) return { minor: 0, decimals: 0 };
  const fraction = match[2] ?? '';
  return { minor: Number(match[1]) * 10 ** fraction.length + Number(fraction || 0), decimals: fraction.length };
}

function formatMoney(minor: number, decimals: number, currency: string): string {
  const whole = Math.floor(minor / 10 ** decimals);
  const fraction = decimals > 0 ? `.${String(minor % 10 ** decimals).padStart(decimals, '0')}` : '';
  return `${currency} ${whole}${fraction}`;
}

/** The slip's rows, in the order the lines came: units of one SKU counted together, priced unless it is a gift. */
export function slipItems(order: Order, prices: boolean): SlipItem[] {
  const bySku = new Map<
    string,
    { line: OrderLine; quantity: number; units: Array<{ minor: number; decimals: number }> }
  >();
  for (const line of order.lines) {
    const key = `${line.skuId}\u0000${line.isGift ? 'gift' : ''}`;
    const entry = bySku.get(key) ?? { line, quantity: 0, units: [] };
    entry.quantity += 1;
    entry.units.push(minorUnits(line.salePrice));
    bySku.set(key, entry);
  }
  return [...bySku.values()].map(({ line, quantity, units }) => {
    const decimals = Math.max(0, ...units.map((unit) => unit.decimals));
    const minor = units.reduce((sum, unit) => sum + unit.minor * 10 ** (decimals - unit.decimals), 0);
    return {
      name: line.productName,
      variant: line.skuName,
      sku: line.sellerSku,
      quantity,
      amount: prices ? { minor, decimals, currency: line.currency } : null,
    };
  });
}

/** The total of priced rows, one per currency (an order has one; the slip never adds two currencies together). */
function totals(items: readonly SlipItem[]): string[] {
  const byCurrency = new Map<string, { minor: number; decimals: number }>();
  for (const item of items) {
    if (!item.amount) continue;
    const sum = byCurrency.get(item.amount.currency) ?? { minor: 0, decimals: 0 };
    const decimals = Math.max(sum.decimals, item.amount.decimals);
    byCurrency.set(item.amount.currency, {
      minor: sum.minor * 10 ** (decimals - sum.decimals) + item.amount.minor * 10 ** (decimals - item.amount.decimals),
      decimals,
    });
  }
  return [...byCurrency].map(([currency, sum]) => formatMoney(sum.minor, sum.decimals, currency));
}

/**
 * The station's own packing slip, on the label stock and for the label printer: order number, buyer, ship-to, one
 * row per SKU (name, variant, SKU, quantity) and, on an ordinary order, each row's amount and the total. A gift
 * order's slip carries no price anywhere. Names wrap (and shrink a little) but are never cut; rows that do not fit
 * go on to another page. Pure: the same order gives the same pages.
 */
export function buildPackingSlip(input: PackingSlipInput): LabelPage[] {
  const { order, dpi } = input;
  const gift = isGiftOrder(order);
  const items = slipItems(order, !gift);
  const dots = labelDots(input.size, dpi);
  const mm = new Layout(dpi).mm;
  const margin = mm(4);
  const width = dots.width - 2 * margin;
  const bottom = dots.height - margin - mm(6);
  const body = { size: mm(3.4), small: mm(2.8), min: mm(2.2) };
  const qtyWidth = mm(12);
  const amountWidth = gift ? 0 : mm(24);
  const nameWidth = width - qtyWidth - amountWidth - mm(2);

  const pages: Layout[] = [];
  let at = new Layout(dpi);
  let y = margin;
  const rule = () => {
    at.box(margin, y, width, Math.max(2, mm(0.4)), 0);
    y += mm(1.5);
  };
  const line = (role: string, text: string, height: number, max: number, min: number, weight: 400 | 700) => {
    // Dots are whole: a fitted block's height is not.
    y += Math.ceil(at.fit(role, [text], { x: margin, y, width, height }, max, min, weight).height);
  };
  /** Every page starts with the title and the order number, so a loose second page still names its parcel. */
  const heading = () => {
    at = new Layout(dpi);
    pages.push(at);
    y = margin;
    line('slip-title', gift ? 'PACKING SLIP - GIFT' : 'PACKING SLIP', mm(8), mm(6), mm(3.5), 700);
    line('slip-order', `Order ${order.id}`, mm(6), mm(4), mm(2.5), 700);
    y += mm(1);
    rule();
  };
  const columns = () => {
    const header = (text: string, x: number, w: number, align: 'start' | 'end') =>
      at.text('slip-header', [text], x, y, w, body.small, 700, align);
    header('Item', margin, nameWidth, 'start');
    header('Qty', margin + nameWidth + mm(2), qtyWidth, 'end');
    if (!gift) header('Amount', margin + width - amountWidth, amountWidth, 'end');
    y += Math.round(body.small * LINE_HEIGHT) + mm(1);
  };

  heading();
  line('slip-from', `From ${input.sellerName}`, mm(5), mm(3), mm(2.2), 400);
  at.text('slip-ship-to-title', ['Ship to'], margin, y, width, body.small, 700);
  y += Math.round(body.small * LINE_HEIGHT);
  const recipient = [order.recipient.name, ...addressLines(order.recipient)];
  const shipTo = fitParagraphs(recipient, { width, height: mm(32), maxSize: body.size, minSize: body.min }) ?? {
    lines: recipient.flatMap((part) => wrap(part, width, body.min)),
    size: body.min,
  };
  at.text('slip-ship-to', shipTo.lines, margin, y, width, shipTo.size, 400);
  y += Math.round(shipTo.lines.length * shipTo.size * LINE_HEIGHT) + mm(1.5);
  rule();
  columns();

  for (const item of items) {
    // Up to three lines at full size, else smaller; a name longer than that wraps at the smallest size, whole.
    const name = fitParagraphs([item.name], {
      width: nameWidth,
      height: 3 * body.size * LINE_HEIGHT,
      maxSize: body.size,
      minSize: body.min,
      weight: 700,
    }) ?? { lines: wrap(item.name, nameWidth, body.min, 700), size: body.min };
    const details = [item.variant, item.sku ? `SKU ${item.sku}` : ''].filter((part) => part.trim() !== '').join(' · ');
    const detailLines = details ? wrap(details, nameWidth, body.small) : [];
    const rowHeight =
      Math.round(name.lines.length * name.size * LINE_HEIGHT) +
      Math.round(detailLines.length * body.small * LINE_HEIGHT) +
      mm(1.5);
    if (y + rowHeight > bottom) {
      heading();
      columns();
    }
    at.text('slip-item-name', name.lines, margin, y, nameWidth, name.size, 700);
    at.text('slip-item-quantity', [`${item.quantity}`], margin + nameWidth + mm(2), y, qtyWidth, body.size, 700, 'end');
    if (item.amount)
      at.text(
        'slip-item-amount',
        [formatMoney(item.amount.minor, item.amount.decimals, item.amount.currency)],
        margin + width - amountWidth,
        y,
        amountWidth,
        body.small,
        400,
        'end',
      );
    const detailsY = y + Math.round(name.lines.length * name.size * LINE_HEIGHT);
    at.text('slip-item-details', detailLines, margin, detailsY, nameWidth, body.small, 400);
    y += rowHeight;
  }

  const units = items.reduce((sum, item) => sum + item.quantity, 0);
  const summary = [
    `${units} ${units === 1 ? 'item' : 'items'}`,
    ...(gift ? [] : totals(items).map((t) => `Total ${t}`)),
  ];
  const summaryHeight = mm(2) + Math.round(summary.length * body.size * LINE_HEIGHT);
  if (y + summaryHeight > bottom) heading();
  rule();
  at.text('slip-total', summary, margin, y, width, body.size, 700, 'end');

  return pages.map((page, index) => {
    if (pages.length > 1)
      page.text(
        'slip-page',
        [`Page ${index + 1} of ${pages.length}`],
        margin,
        dots.height - margin - mm(4),
        width,
        body.small,
        400,
        'end',
      );
    return { widthDots: dots.width, heightDots: dots.height, dpi, elements: page.elements };
  });
}
