import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { EventBus } from '../../../electron/core/events/bus';
import { packedBySeller } from '../../../electron/core/marketplace/order-mapping';
import { TikTokOrder } from '../../../electron/core/marketplace/schemas';
import { OrderPuller } from '../../../electron/core/orders/pull';
import { fakeTikTok, specOrder } from '../orders/fake-tiktok';

/**
 * get-order-list.spec.json, fulfillment_type: "Only orders with fulfillment type [FULFILLMENT_BY_SELLER] can be shipped
 * by sellers"; FULFILLMENT_BY_TIKTOK orders are stored, picked, packed and shipped in TikTok's warehouses.
 */
describe('orders another warehouse fulfils', () => {
  let db: Db | null = null;
  afterEach(() => {
    if (db) closeDatabase(db);
    db = null;
    vi.unstubAllGlobals();
  });

  it('the seller packs orders fulfilled by the seller, or that say nothing; no other fulfillment type', () => {
    const of = (fulfillment_type?: string) => packedBySeller(TikTokOrder.parse(specOrder('F', { fulfillment_type })));
    expect([of('FULFILLMENT_BY_SELLER'), of(undefined)]).toEqual([true, true]);
    expect([
      of('FULFILLMENT_BY_TIKTOK'),
      of('FULFILLMENT_BY_DILAYANI_TOKOPEDIA'),
      of('FULFILLMENT_BY_SOMEONE_NEW'),
    ]).toEqual([false, false, false]);
  });

  it('the pull leaves a TikTok-fulfilled order out of the queue, and does not list it as unreadable', async () => {
    db = openDatabase(':memory:');
    const shop = {
      id: 'us',
      name: 'Shop us',
      cipher: 'cipher-us',
      region: 'US',
      orders: [
        specOrder('S', { fulfillment_type: 'FULFILLMENT_BY_SELLER' }),
        specOrder('T', { fulfillment_type: 'FULFILLMENT_BY_TIKTOK', update_time: 1_700_000_300 }),
      ],
    };
    const market = fakeTikTok([shop]);
    const puller = new OrderPuller({
      db,
      client: market.client,
      bus: new EventBus(),
      now: () => 1_700_100_000_000,
      mode: 'tiktok',
      intervalSeconds: () => 0,
      pageSize: 10,
    });
    await expect(puller.pullNow()).resolves.toMatchObject({ outcome: 'ok' });
    expect(
      (db.prepare('SELECT id FROM orders ORDER BY id').all() as Array<{ id: string }>).map((row) => row.id),
    ).toEqual(['S']);
    expect(puller.unreadable()).toEqual([]);
  });
});
