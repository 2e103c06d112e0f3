import type { TikTokShopClient } from '../marketplace';
import type { CatalogueSku, PullStore } from './pull-store';

/** Product lookups in flight at once. */
const LOOKUP_CONCURRENCY = 4;

export type Lookup =
  | { productId: string; ok: true; title: string; skus: CatalogueSku[] }
  | { productId: string; ok: false; error: string };

/**
 * Asks the product API about one product, for its SKUs' barcodes. Never throws: a failed or empty lookup is recorded
 * to be tried again, and the order is packed by seller SKU meanwhile.
 */
export async function lookUpProduct(client: TikTokShopClient, shopId: string, productId: string): Promise<Lookup> {
  try {
    const product = await client.getProduct(shopId, productId);
    const skus: CatalogueSku[] = (product.skus ?? []).flatMap((sku) =>
      sku.id ? [{ skuId: sku.id, sellerSku: sku.seller_sku ?? '', code: sku.identifier_code?.code || null }] : [],
    );
    return { productId, ok: true, title: product.title ?? '', skus };
  } catch (error) {
    return { productId, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Call inside a transaction. */
export function saveLookups(store: PullStore, shopId: string, lookups: readonly Lookup[], at: number): void {
  for (const lookup of lookups) {
    if (lookup.ok) store.saveProduct(lookup.productId, lookup.title, lookup.skus, at);
    else store.recordLookupFailure(lookup.productId, shopId, lookup.error, at);
  }
}

/**
 * One shop's product lookups during a pull, a few in flight at once beside the walk: a page is stored without
 * waiting for its products, and the lookups finished by then are saved with the next page (the rest when the shop's
 * pull ends).
 */
export class LookupQueue {
  private readonly waiting: string[] = [];
  private readonly finished: Lookup[] = [];
  private readonly workers = new Set<Promise<void>>();
  /** Workers still taking from `waiting`; one that found it empty has stopped, whether or not it has settled yet. */
  private running = 0;

  constructor(private readonly lookUp: (productId: string) => Promise<Lookup>) {}

  add(productIds: readonly string[]): void {
    this.waiting.push(...productIds);
    while (this.running < LOOKUP_CONCURRENCY && this.waiting.length > 0) {
      this.running += 1;
      const worker: Promise<void> = this.work().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
  }

  private async work(): Promise<void> {
    for (let productId = this.waiting.shift(); productId !== undefined; productId = this.waiting.shift())
      this.finished.push(await this.lookUp(productId));
    this.running -= 1;
  }

  /** The lookups finished since the last take. */
  take(): Lookup[] {
    return this.finished.splice(0);
  }

  /** Waits for every lookup asked so far; the ones not taken yet. */
  async drain(): Promise<Lookup[]> {
    while (this.workers.size > 0) await Promise.all(this.workers);
    return this.take();
  }
}
