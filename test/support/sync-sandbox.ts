import { TikTokShopClient, type Connection } from '../../electron/core/marketplace';
import { toStationOrder } from '../../electron/core/marketplace/order-mapping';
import type { RetryPolicy } from '../../electron/core/marketplace/retry';
import { OrderStore } from '../../electron/core/orders/order-store';
import { trackingNumberFor } from '../../electron/core/sandbox/identifiers';
import type { SandboxOrder } from '../../electron/core/sandbox/order-factory';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/server';
import { PROVIDER_IDS } from '../../electron/core/sandbox/world';
import type { Db } from '../../electron/core/db/database';
import type { OutboxWrite } from '../../shared/contract/sync';
import { tempDb } from './sync-fixtures';

export function sandboxClient(
  sandbox: Sandbox,
  retry: Partial<RetryPolicy> = {},
): { client: TikTokShopClient; connection: Connection } {
  const connection: Connection = { baseUrl: sandbox.url, shopCipher: '', ...sandbox.credentials() };
  const client = new TikTokShopClient({
    connection: { read: () => connection, saveTokens: (tokens) => Object.assign(connection, tokens) },
    retry: { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 1_000, ...retry },
  });
  return { client, connection };
}

/** Pulls every order waiting for shipment from the sandbox into the station database. */
export async function pullAwaiting(client: TikTokShopClient, db: Db): Promise<number> {
  const store = new OrderStore(db);
  let count = 0;
  for (const shop of await client.shops()) {
    let pageToken = '';
    do {
      const page = await client.searchOrders(shop.id, {
        filter: { order_status: 'AWAITING_SHIPMENT' },
        pageSize: 100,
        pageToken,
      });
      store.upsertFromMarketplace(
        page.orders.map(({ order, raw }, i) => ({ order: toStationOrder('searchOrders', shop.id, order, i), raw })),
        Date.now(),
      );
      count += page.orders.length;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return count;
}

/** The write a station would queue to ship this sandbox package: a valid tracking number, or drop-off. */
export function shipWriteFor(order: SandboxOrder, packageId: string, serial: number): OutboxWrite {
  if (order.shippingType === 'TIKTOK')
    return { kind: 'ship.tiktok', orderId: order.id, packageId, handoverMethod: 'DROP_OFF', pickupSlot: null };
  const carrier = order.shop.providers[order.tier][0]!;
  return {
    kind: 'ship.seller',
    orderId: order.id,
    packageId,
    trackingNumber: trackingNumberFor(carrier, String(100_000 + serial).padStart(8, '0')),
    shippingProviderId: PROVIDER_IDS[carrier],
  };
}

/** Every package of the sandbox's shippable orders, as the ship writes the station would owe. */
export function shipWritesFor(sandbox: Sandbox): OutboxWrite[] {
  const writes: OutboxWrite[] = [];
  for (const order of sandbox.market.allOrders()) {
    if (order.status !== 'AWAITING_SHIPMENT') continue;
    for (const pkg of order.packages) writes.push(shipWriteFor(order, pkg.id, writes.length));
  }
  return writes;
}

/** A sandbox, a client on it, and a station database holding its orders. */
export async function syncSandbox(options: { sandbox?: SandboxOptions; retry?: Partial<RetryPolicy> } = {}) {
  const sandbox = await startSandbox({ orders: 60, arrivalEverySeconds: 0, ...options.sandbox });
  const { client, connection } = sandboxClient(sandbox, options.retry);
  const { db, dir } = tempDb();
  await pullAwaiting(client, db);
  return { sandbox, client, connection, db, dir, writes: shipWritesFor(sandbox) };
}
