import { CATALOGUE, priceIn } from './catalogue';
import { trackingNumberFor } from './identifiers';
import type { SandboxLine, SandboxOrder, SandboxPackage, SandboxRecipient, TimelineEvent } from './model';
import { Random, seedFor } from './random';
import { BUYER_MESSAGES, LONG_LINES, NON_LATIN_BUYERS, personName } from './buyers';
import { PHONE_PREFIX, PLACES } from './places';
import { CURRENCY, SHOPS, type SandboxShop, type ServiceTier } from './world';

export type { SandboxLine, SandboxOrder, SandboxPackage, SandboxStatus, TimelineEvent } from './model';

const HOUR = 3600;

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

/** Share of orders per shop, in SHOPS order. */
const SHOP_WEIGHTS = [30, 22, 18, 18, 12];

function lineCount(random: Random): number {
  return random.weighted([
    [1, 55],
    [2, 22],
    [3, 10],
    [random.int(4, 6), 10],
    [random.int(7, 12), 3],
  ]);
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
  const phone = `${PHONE_PREFIX[country] ?? '(+1)'}${random.digits(3)}*****${random.digits(2)}`;
  return {
    name,
    phone,
    lines,
    city: place.city,
    district: place.district ?? '',
    region: place.region,
    postalCode: place.postalCode,
    country,
  };
}

function buildLines(
  random: Random,
  shop: SandboxShop,
  orderKey: string,
  currency: string,
): Array<Omit<SandboxLine, 'packageId'>> {
  const skus = CATALOGUE.get(shop.id)!;
  const lines: Array<Omit<SandboxLine, 'packageId'>> = [];
  const count = lineCount(random);
  for (let n = 0; n < count; n += 1) {
    // TikTok has no quantity: a second unit of the same SKU is another line.
    const sku = n > 0 && random.chance(0.3) ? lines[n - 1]!.sku : random.pick(skus);
    lines.push({
      id: `1730${orderKey}${pad(n, 2)}${random.digits(2)}`,
      sku,
      salePrice: priceIn(sku.product, currency),
      isGift: false,
    });
  }
  if (random.chance(0.07)) {
    const gift = random.pick(skus.filter((sku) => sku.product.price < 15));
    lines.push({
      id: `1730${orderKey}${pad(count, 2)}${random.digits(2)}`,
      sku: gift,
      salePrice: '0.00',
      isGift: true,
    });
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

/** What a test may fix about a new order (POST /sandbox/orders); the rest is drawn from the seed. */
export interface OrderPick {
  shop?: SandboxShop;
  shippingType?: 'TIKTOK' | 'SELLER';
  /** A destination the shop ships to. */
  country?: string;
}

interface Generated {
  order: SandboxOrder;
  events: TimelineEvent[];
}

/** Marks a package shipped (and, for old shipments, collected) at `at`, as the seeded history has it. */
function shipInHistory(pkg: SandboxPackage, order: SandboxOrder, at: number, epoch: number, serial: string): void {
  pkg.status = 'PROCESSING';
  pkg.trackingNumber ??= trackingNumberFor(order.carrier, serial);
  pkg.handoverMethod = order.shippingType === 'TIKTOK' ? 'DROP_OFF' : null;
  pkg.shippedAt = at;
  pkg.updateTime = at;
  order.rtsTime ??= at;
  const collectedAt = at + 6 * HOUR;
  if (collectedAt < epoch) {
    pkg.status = 'FULFILLING';
    pkg.collectedAt = collectedAt;
    pkg.updateTime = collectedAt;
    pkg.tracking.push({ description: 'Parcel collected by the carrier', atMs: collectedAt * 1000 });
    order.collectionTime ??= collectedAt;
  }
}

/**
 * Order number `index` of the sandbox with this seed. Seeded orders (placedAt null) get an age and a fate drawn from
 * the seed relative to `epoch`; arrivals (placedAt set) are paid at that moment. Deterministic: the same
 * (seed, index, epoch, placedAt) always yields the same order.
 */
export function generateOrder(
  seed: number,
  index: number,
  epoch: number,
  placedAt: number | null,
  pick: OrderPick = {},
): Generated {
  const random = new Random(seedFor(seed, index));
  // The draws happen whatever is picked, so the rest of the order stays the same for the same index.
  const drawnShop = random.weighted(SHOPS.map((s, i) => [s, SHOP_WEIGHTS[i] ?? 10] as const));
  const shop = pick.shop ?? drawnShop;
  const orderKey = `${shop.id.slice(-1)}${pad(index, 8)}`;
  const id = `576${orderKey}${random.digits(6)}`;
  const drawnCountry = random.weighted(shop.destinations);
  const country = pick.country ?? drawnCountry;
  const currency = shop.sellerType === 'LOCAL' ? CURRENCY[shop.region]! : CURRENCY[country]!;
  const tier = random.weighted<ServiceTier>([
    ['standard', 65],
    ['economy', 20],
    ['express', 15],
  ]);
  const carrier = random.pick(shop.providers[tier]);
  const drawnShipping = random.chance(shop.tiktokShippingShare) ? 'TIKTOK' : 'SELLER';
  const shippingType = pick.shippingType ?? drawnShipping;
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
  const ageHours =
    fate === 'unpaid' || fate === 'on_hold'
      ? random.next() * 0.8
      : fate === 'shipped'
        ? random.int(24, 96)
        : (() => {
            const [low, high] = random.weighted(AGE_BUCKETS);
            return low + random.next() * (high - low);
          })();
  const paidTime = placedAt ?? Math.floor(epoch - ageHours * HOUR);
  const createTime = paidTime - random.int(20, 600);
  const rawLines = buildLines(random, shop, orderKey, currency);
  const packageOf = splitIntoPackages(random, orderKey, rawLines.length, fate === 'partial' || random.chance(0.08));
  // A local seller's own shipments have no package until it marks them shipped.
  const packagesLater = shippingType === 'SELLER' && shop.packagesOnMark;
  const lines: SandboxLine[] = rawLines.map((line, i) => ({
    ...line,
    packageId: packagesLater ? null : packageOf[i]!,
  }));
  const hasSla = random.chance(0.85);
  const trackingSerial = `${shop.id.slice(-1)}${pad(index, 9)}${random.digits(11)}`;
  const packages: SandboxPackage[] = [...new Set(packageOf)].map((pkgId, n) => ({
    id: pkgId,
    status: 'TO_FULFILL',
    trackingNumber: shippingType === 'TIKTOK' ? trackingNumberFor(carrier, `${trackingSerial}${n}`) : null,
    carrier,
    handoverMethod: null,
    pickupSlot: null,
    shippedAt: null,
    collectedAt: null,
    tracking: [],
    createTime,
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
    rtsTime: null,
    collectionTime: null,
    cancelTime: null,
    isCod: shop.sellerType === 'LOCAL' && shop.region !== 'BR' && random.chance(0.05),
    buyerMessage: random.chance(0.2) ? random.pick(BUYER_MESSAGES) : '',
    cancelReason: null,
    addressUpdated: false,
    recipient: recipientFor(random, country),
    lines,
    packages: packagesLater ? [] : packages,
  };
  const events: TimelineEvent[] = [];
  // Lines a local seller has already marked shipped get their package now.
  const markedShipped = (count: number) => {
    order.packages = packages.slice(0, count);
    const made = new Set(order.packages.map((pkg) => pkg.id));
    lines.forEach((line, i) => (line.packageId = made.has(packageOf[i]!) ? packageOf[i]! : null));
  };

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
      if (packagesLater) markedShipped(packages.length);
      for (const [n, pkg] of order.packages.entries())
        shipInHistory(pkg, order, shippedAt, epoch, `${trackingSerial}${9 - n}`);
      order.status = order.packages.every((pkg) => pkg.collectedAt !== null) ? 'IN_TRANSIT' : 'AWAITING_COLLECTION';
      order.updateTime = Math.max(...order.packages.map((pkg) => pkg.updateTime));
      break;
    }
    case 'partial':
      if (packages.length > 1) {
        const shippedAt = Math.min(epoch - 60, paidTime + random.int(1, 6) * HOUR);
        if (packagesLater) markedShipped(1);
        shipInHistory(order.packages[0]!, order, shippedAt, epoch, `${trackingSerial}8`);
        order.status = 'PARTIALLY_SHIPPING';
        order.updateTime = order.packages[0]!.updateTime;
      }
      break;
    case 'cancelled':
      order.status = 'CANCELLED';
      order.cancelReason = random.pick([
        'Buyer changed their mind',
        'Ordered the wrong item',
        'Out of stock',
        'Address cannot be delivered',
      ]);
      order.updateTime = Math.min(epoch - 60, paidTime + random.int(1, 20) * 60);
      order.cancelTime = order.updateTime;
      for (const pkg of order.packages) pkg.status = 'CANCELLED';
      break;
    case 'awaiting':
      // Some buyers cancel while the order is already on a packing bench.
      if (random.chance(0.04))
        events.push({ at: Math.max(epoch, paidTime) + random.int(10 * 60, 12 * HOUR), orderId: id, kind: 'cancel' });
      break;
  }
  return { order, events };
}
