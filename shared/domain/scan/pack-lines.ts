import type { Order } from '../orders/order';
import { catalogueKeys } from './normalize';
import type { PackLine, PackProgress, PackStep, Verification } from './verification';

export interface PackRules {
  /** Lines of at least this many units may be counted by typing the quantity after one scan; 0 turns it off. */
  bulkMinQuantity: number;
  /** Seller SKUs (or SKU ids) whose every unit needs its serial number captured. */
  serialSkus: readonly string[];
}

/**
 * Groups the order's unit lines by SKU (TikTok lists each unit separately) and gives each the codes it answers to. An
 * order TikTok split into packages is grouped by package too, in the order's package order, so the packer sees which
 * parcel each unit goes in.
 */
export function buildPackLines(
  order: Pick<Order, 'lines' | 'packages'>,
  codesBySku: ReadonlyMap<string, readonly string[]>,
  rules: PackRules,
): PackLine[] {
  const holding = new Set(order.lines.map((item) => item.packageId).filter((id) => id !== null));
  // Parcel numbers in the order's package order, then any package the order's list lacks, as its lines name them.
  const ordered = new Set([...order.packages.map((pkg) => pkg.id).filter((id) => holding.has(id)), ...holding]);
  const parcelOf = new Map([...ordered].map((id, i) => [id, i + 1]));
  const split = parcelOf.size > 1;
  const parcelNumber = (id: string | null) => (split && id !== null ? parcelOf.get(id)! : null);
  // Lines without a package come last in a split order: their parcel is not known.
  const rank = (id: string | null) => parcelNumber(id) ?? parcelOf.size + 1;
  const bySku = new Map<string, PackLine>();
  for (const item of split ? [...order.lines].sort((a, b) => rank(a.packageId) - rank(b.packageId)) : order.lines) {
    const key = split ? `${item.skuId}@${item.packageId ?? ''}` : item.skuId;
    const existing = bySku.get(key);
    if (existing) {
      existing.lineIds.push(item.id);
      existing.quantity += 1;
      existing.isGift ||= item.isGift;
      continue;
    }
    const codes = [item.sellerSku, ...(codesBySku.get(item.skuId) ?? [])].filter((code) => code.length > 0);
    const serial = rules.serialSkus.some((sku) => sku.length > 0 && (sku === item.sellerSku || sku === item.skuId));
    bySku.set(key, {
      key,
      skuId: item.skuId,
      sellerSku: item.sellerSku,
      productName: item.productName,
      skuName: item.skuName,
      imageUrl: item.imageUrl,
      isGift: item.isGift,
      lineIds: [item.id],
      quantity: 1,
      keys: [...new Set(codes.flatMap(catalogueKeys))],
      bulk: false,
      serial,
      parcel: parcelNumber(item.packageId),
    });
  }
  const lines = [...bySku.values()];
  for (const line of lines)
    line.bulk = !line.serial && rules.bulkMinQuantity > 0 && line.quantity >= rules.bulkMinQuantity;
  return lines;
}

/**
 * Progress saved earlier, fitted to the order's lines as they are now (the marketplace may have changed them):
 * counts and serials are recomputed from the steps, and steps for lines that are gone or beyond a line's
 * quantity are dropped.
 */
export function fitProgress(lines: readonly PackLine[], saved: PackProgress): PackProgress {
  const quantity = new Map(lines.map((line) => [line.key, line.quantity]));
  const counts: Record<string, number> = {};
  const serials: Record<string, string[]> = {};
  const steps: PackStep[] = [];
  for (const step of saved.steps) {
    const max = quantity.get(step.lineKey);
    const count = counts[step.lineKey] ?? 0;
    if (max === undefined || count + step.amount > max) continue;
    steps.push(step);
    counts[step.lineKey] = count + step.amount;
    if (step.serial) serials[step.lineKey] = [...(serials[step.lineKey] ?? []), step.serial];
  }
  const awaiting =
    saved.awaiting && steps[steps.length - 1]?.lineKey === saved.awaiting.lineKey ? saved.awaiting : null;
  return { counts, serials, steps, awaiting };
}

export function verificationOf(orderId: string, lines: PackLine[], saved: PackProgress): Verification {
  return { orderId, lines, progress: fitProgress(lines, saved) };
}
