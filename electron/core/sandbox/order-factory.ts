import { CATALOGUE, priceIn, type CatalogueSku } from './catalogue';
import { trackingNumberFor, type Carrier } from './identifiers';
import { Random, seedFor } from './random';
import {
  BUYER_MESSAGES,
  CURRENCY,
  LONG_LINES,
  NON_LATIN_BUYERS,
  personName,
  PHONE_PREFIX,
  PLACES,
  SHOPS,
  type SandboxShop,
  type ServiceTier,
} from './world';

const HOUR = 3600;

export type SandboxStatus =
  | 'UNPAID'
  | 'ON_HOLD'
  | 'AWAITING_SHIPMENT'
  | 'PARTIALLY_SHIPPING'
  | 'AWAITING_COLLECTION'
  | 'IN_TRANSIT'
  | 'DELIVERED'
  | 'COMPLETED'
  | 'CANCELLED';

export interface SandboxLine {
  id: string;
  sku: CatalogueSku;
  salePrice: string;
  isGift: boolean;
  packageId: string;
}

export interface SandboxPackage {
  id: string;
  status: 'PROCESSING' | 'FULFILLING' | 'COMPLETED' | 'CANCELLED';
  /** Issued by TikTok up front for TikTok shipping; given by the seller when shipping it otherwise. */
  trackingNumber: string | null;
  carrier: Carrier;
  handoverMethod: 'PICKUP' | 'DROP_OFF' | null;
  pickupSlot: { start_time: number; end_time: number } | null;
  shippedAt: number | null;
  updateTime: number;
}

export interface SandboxRecipient {
  name: string;
  phone: string;
  lines: string[];
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** One order as the sandbox keeps it; times in Unix seconds like TikTok's. */
export interface SandboxOrder {
  index: number;
  id: string;
  shop: SandboxShop;
  status: SandboxStatus;
  shippingType: 'TIKTOK' | 'SELLER';
  tier: ServiceTier;
  carrier: Carrier;
  currency: string;
  createTime: number;
  paidTime: number | null;
  updateTime: number;
  rtsSla: number | null;
  ttsSla: number | null;
  isCod: boolean;
  buyerMessage: string;
  cancelReason: string | null;
  recipient: SandboxRecipient;
  lines: SandboxLine[];
  packages: SandboxPackage[];
}

/** Something that happens to an order later on the sandbox clock. */
export interface TimelineEvent {
  at: number;
  orderId: string;
  kind: 'pay' | 'release' | 'cancel';
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const roundUpToHour = (t: number) => Math.ceil(t / HOUR) * HOUR;

/** How old seeded orders are (hours since payment): every deadline bucket is populated, overdue ones included. */
const AGE_BUCKETS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[0, 6], 30],
  [[6, 24], 25],
  [[24, 40], 15],
  [[40, 48], 12],
  [[48, 72], 12],
  [[72, 120], 6],
];

type Fate = 'awaiting' | 'unpaid' | 'on_hold' | 'shipped' | 'partial' | 'cancelled';

function pickShop(random: Random): SandboxShop {
  return random.weighted(SHOPS.map((shop, i) => [shop, [35, 25, 20, 20][i] ?? 10] as const));
}

function lineCount(random: Random): number {
  return random.weighted([
    [1, 55],
    [2, 22],
    [3, 10],
    [random.int(4, 6), 10],
    [random.int(7, 12), 3],
  ]);
}

function maskedPhone(random: Random, country: string): string {
  return `${PHONE_PREFIX[country] ?? '(+1)'}${random.digits(3)}*****${random.digits(2)}`;
}

function recipientFor(random: Random, country: string): SandboxRecipient {
  const place = random.pick(PLACES[country] ?? PLACES.US!);
  const street = `${random.int(1, 2400)} ${random.pick(place.streets)}`;
  const lines = [country === 'US' || country === 'GB' ? street : street.replace(/^(\d+) (.*)$/, '$2 $1')];
  let name = personName(country, (items) => random.pick(items));
  const candidates = NON_LATIN_BUYERS.filter((buyer) => buyer.countries.includes(country));
  if (candidates.length > 0 && random.chance(0.1)) {
    const buyer = random.pick(candidates);
    name = buyer.name;
    lines.push(buyer.note);
  } else if (random.chance(0.06)) {
    lines.push(random.pick(LONG_LINES));
  } else if (random.chance(0.3)) {
    lines.push(random.pick(['Apt 4B', 'Flat 2', 'Suite 210', 'Unit 17', '2nd floor', 'Wohnung 5']));
  }
  return { name, phone: maskedPhone(random, country), lines, city: place.city, region: place.region, postalCode: place.postalCode, country };
}

function buildLines(random: Random, shop: SandboxShop, orderKey: string, currency: string): Array<Omit<SandboxLine, 'packageId'>> {
  const skus = CATALOGUE.get(shop.id)!;
  const lines: Array<Omit<SandboxLine, 'packageId'>> = [];
  const count = lineCount(random);
  for (let n = 0; n < count; n += 1) {
    // TikTok has no quantity: a second unit of the same SKU is another line.
    const sku = n > 0 && random.chance(0.3) ? lines[n - 1]!.sku : random.pick(skus);
    lines.push({ id: `1730${orderKey}${pad(n, 2)}${random.digits(2)}`, sku, salePrice: priceIn(sku.product, currency), isGift: false });
  }
  if (random.chance(0.07)) {
    const gift = random.pick(skus.filter((sku) => sku.product.price < 15));
    lines.push({ id: `1730${orderKey}${pad(count, 2)}${random.digits(2)}`, sku: gift, salePrice: '0.00', isGift: true });
  }
  return lines;
}

/** The package id of each line: one package, or two when the order is split. */
function splitIntoPackages(random: Random, orderKey: string, lineCount: number, split: boolean): string[] {
  const first = `1152${orderKey}01${random.digits(2)}`;
  if (!split || lineCount < 2) return Array.from({ length: lineCount }, () => first);
  const second = `1152${orderKey}02${random.digits(2)}`;
  const cut = Math.max(1, Math.floor(lineCount / 2));
  return Array.from({ length: lineCount }, (_, i) => (i < cut ? first : second));
}

export interface Generated {
  order: SandboxOrder;
  events: TimelineEvent[];
}

/**
 * Order number `index` of the sandbox with this seed. Seeded orders (placedAt null) get an age and a fate drawn from
 * the seed relative to `epoch`; arrivals (placedAt set) are paid at that moment. Deterministic: the same
 * (seed, index, epoch, placedAt) always yields the same order.
 */
export function generateOrder(seed: number, index: number, epoch: number, placedAt: number | null): Generated {
  const random = new Random(seedFor(seed, index));
  const shop = pickShop(random);
  const orderKey = `${shop.id.slice(-1)}${pad(index, 8)}`;
  const id = `576${orderKey}${random.digits(6)}`;
  const country = random.weighted(shop.destinations);
  const currency = shop.sellerType === 'LOCAL' ? CURRENCY[shop.region]! : CURRENCY[country]!;
  const tier = random.weighted<ServiceTier>([
    ['standard', 65],
    ['economy', 20],
    ['express', 15],
  ]);
  const carrier = random.pick(shop.providers[tier]);
  const shippingType = random.chance(shop.tiktokShippingShare) ? 'TIKTOK' : 'SELLER';
  const fate: Fate =
    placedAt === null
      ? random.weighted<Fate>([
          ['awaiting', 80],
          ['unpaid', 4],
          ['on_hold', 2],
          ['shipped', 6],
          ['partial', 4],
          ['cancelled', 4],
        ])
      : 'awaiting';
  const ageHours = fate === 'unpaid' || fate === 'on_hold' ? random.next() * 0.8 : fate === 'shipped' ? random.int(24, 96) : (() => {
    const [low, high] = random.weighted(AGE_BUCKETS);
    return low + random.next() * (high - low);
  })();
  const paidTime = placedAt ?? Math.floor(epoch - ageHours * HOUR);
  const createTime = paidTime - random.int(20, 600);
  const rawLines = buildLines(random, shop, orderKey, currency);
  const packageOf = splitIntoPackages(random, orderKey, rawLines.length, fate === 'partial' || random.chance(0.08));
  const lines: SandboxLine[] = rawLines.map((line, i) => ({ ...line, packageId: packageOf[i]! }));
  const packageIds = [...new Set(packageOf)];
  const hasSla = random.chance(0.85);
  const trackingSerial = `${shop.id.slice(-1)}${pad(index, 9)}${random.digits(11)}`;
  const packages: SandboxPackage[] = packageIds.map((pkgId, n) => ({
    id: pkgId,
    status: 'PROCESSING',
    trackingNumber: shippingType === 'TIKTOK' ? trackingNumberFor(carrier, `${trackingSerial}${n}`) : null,
    carrier,
    handoverMethod: null,
    pickupSlot: null,
    shippedAt: null,
    updateTime: createTime,
  }));

  const order: SandboxOrder = {
    index,
    id,
    shop,
    status: 'AWAITING_SHIPMENT',
    shippingType,
    tier,
    carrier,
    currency,
    createTime,
    paidTime,
    updateTime: paidTime,
    rtsSla: hasSla ? roundUpToHour(paidTime + 48 * HOUR) : null,
    ttsSla: hasSla ? roundUpToHour(paidTime + 72 * HOUR) : null,
    isCod: shop.sellerType === 'LOCAL' && random.chance(0.05),
    buyerMessage: random.chance(0.2) ? random.pick(BUYER_MESSAGES) : '',
    cancelReason: null,
    recipient: recipientFor(random, country),
    lines,
    packages,
  };
  const events: TimelineEvent[] = [];

  switch (fate) {
    case 'unpaid':
      order.status = 'UNPAID';
      order.paidTime = null;
      order.rtsSla = null;
      order.ttsSla = null;
      order.updateTime = createTime;
      events.push({ at: epoch + random.int(5 * 60, 90 * 60), orderId: id, kind: 'pay' });
      break;
    case 'on_hold':
      // TikTok holds some new orders for a remorse period before they may ship.
      order.status = 'ON_HOLD';
      events.push({ at: paidTime + HOUR, orderId: id, kind: 'release' });
      break;
    case 'shipped': {
      const shippedAt = paidTime + random.int(4, 30) * HOUR;
      order.status = shippedAt + 24 * HOUR < epoch ? 'IN_TRANSIT' : 'AWAITING_COLLECTION';
      for (const pkg of packages) {
        Object.assign(pkg, {
          status: 'FULFILLING',
          trackingNumber: pkg.trackingNumber ?? trackingNumberFor(carrier, `${trackingSerial}9`),
          handoverMethod: shippingType === 'TIKTOK' ? 'DROP_OFF' : null,
          shippedAt,
          updateTime: shippedAt,
        });
      }
      order.updateTime = shippedAt;
      break;
    }
    case 'partial':
      if (packages.length > 1) {
        const shippedAt = Math.min(epoch - 60, paidTime + random.int(1, 6) * HOUR);
        Object.assign(packages[0]!, { status: 'FULFILLING', trackingNumber: packages[0]!.trackingNumber ?? trackingNumberFor(carrier, `${trackingSerial}8`), shippedAt, updateTime: shippedAt });
        order.status = 'PARTIALLY_SHIPPING';
        order.updateTime = shippedAt;
      }
      break;
    case 'cancelled':
      order.status = 'CANCELLED';
      order.cancelReason = random.pick(['Buyer changed their mind', 'Ordered the wrong item', 'Out of stock', 'Address cannot be delivered']);
      order.updateTime = Math.min(epoch - 60, paidTime + random.int(1, 20) * 60);
      for (const pkg of packages) pkg.status = 'CANCELLED';
      break;
    case 'awaiting':
      // Some buyers cancel while the order is already on a packing bench.
      if (random.chance(0.04)) events.push({ at: Math.max(epoch, paidTime) + random.int(10 * 60, 12 * HOUR), orderId: id, kind: 'cancel' });
      break;
  }
  return { order, events };
}
