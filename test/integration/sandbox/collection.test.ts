import { afterAll, describe, expect, it } from 'vitest';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import type { SandboxOrder } from '../../../electron/core/sandbox/order-factory';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';
import { call, controlPost, quietSandbox } from './signed-fetch';

const opened: Sandbox[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));

async function sandboxWith(collectAfterSeconds: number): Promise<Sandbox> {
  const sandbox = await quietSandbox({ orders: 120, collectAfterSeconds });
  opened.push(sandbox);
  return sandbox;
}

const tiktokOrder = (sandbox: Sandbox): SandboxOrder =>
  [...sandbox.market.allOrders()].find(
    (o) => o.shippingType === 'TIKTOK' && o.status === 'AWAITING_SHIPMENT' && o.packages.length === 1,
  )!;

const packageStatus = async (sandbox: Sandbox, order: SandboxOrder) =>
  (
    await call<{ package_status: string }>(sandbox, 'GET', `/fulfillment/202309/packages/${order.packages[0]!.id}`, {
      cipher: order.shop.cipher,
    })
  ).data.package_status;
const orderStatus = async (sandbox: Sandbox, order: SandboxOrder) =>
  (
    await call<{ orders: Array<{ status: string }> }>(sandbox, 'GET', '/order/202309/orders', {
      cipher: order.shop.cipher,
      query: { ids: order.id },
    })
  ).data.orders[0]!.status;
const tracking = async (sandbox: Sandbox, order: SandboxOrder) =>
  (
    await call<{ tracking: Array<{ description: string; update_time_millis: number }> }>(
      sandbox,
      'GET',
      `/fulfillment/202309/orders/${order.id}/tracking`,
      { cipher: order.shop.cipher },
    )
  ).data.tracking;

describe('after Ship Package a parcel waits for the carrier (PROCESSING) until its first scan', () => {
  it('moves to FULFILLING / IN_TRANSIT when the carrier scans it, and Get Tracking shows the scan', async () => {
    const sandbox = await sandboxWith(0);
    const order = tiktokOrder(sandbox);
    expect(await packageStatus(sandbox, order)).toBe('TO_FULFILL');
    expect(
      (
        await call(sandbox, 'POST', `/fulfillment/202309/packages/${order.packages[0]!.id}/ship`, {
          cipher: order.shop.cipher,
          body: { handover_method: 'DROP_OFF' },
        })
      ).code,
    ).toBe(0);
    expect(await packageStatus(sandbox, order)).toBe('PROCESSING');
    expect(await orderStatus(sandbox, order)).toBe('AWAITING_COLLECTION');
    expect(await tracking(sandbox, order)).toEqual([]);
    sandbox.market.advanceClock(24 * 3600);
    expect(await packageStatus(sandbox, order)).toBe('PROCESSING');

    expect((await controlPost(sandbox, `/sandbox/packages/${order.packages[0]!.id}/collect`)).body).toMatchObject({
      status: 'FULFILLING',
    });
    expect(await packageStatus(sandbox, order)).toBe('FULFILLING');
    expect(await orderStatus(sandbox, order)).toBe('IN_TRANSIT');
    const events = await tracking(sandbox, order);
    expect(events).toHaveLength(1);
    expect(events[0]!.update_time_millis).toBe(sandbox.market.now() * 1000);
    expect((await controlPost(sandbox, `/sandbox/packages/${order.packages[0]!.id}/collect`)).status).toBe(409);
    const again = await call(sandbox, 'POST', `/fulfillment/202309/packages/${order.packages[0]!.id}/ship`, {
      cipher: order.shop.cipher,
      body: {},
    });
    expect(again).toMatchObject({
      code: 11006021,
      message: 'Package has been shipped. Please not ship the package again.',
    });

    sandbox.market.advanceClock(40 * 3600);
    expect(await packageStatus(sandbox, order)).toBe('COMPLETED');
    expect(await orderStatus(sandbox, order)).toBe('DELIVERED');
    expect((await tracking(sandbox, order))[0]!.description).toBe('Delivered');
    sandbox.market.advanceClock(7 * 86_400);
    expect(await orderStatus(sandbox, order)).toBe('COMPLETED');
  });

  it('scans by itself collectAfterSeconds after the ship on the sandbox clock', async () => {
    const sandbox = await sandboxWith(3600);
    const order = tiktokOrder(sandbox);
    await call(sandbox, 'POST', `/fulfillment/202309/packages/${order.packages[0]!.id}/ship`, {
      cipher: order.shop.cipher,
      body: {},
    });
    const shippedAt = sandbox.market.now();
    sandbox.market.advanceClock(3000);
    expect(await packageStatus(sandbox, order)).toBe('PROCESSING');
    sandbox.market.advanceClock(700);
    expect(await packageStatus(sandbox, order)).toBe('FULFILLING');
    expect((await tracking(sandbox, order))[0]!.update_time_millis).toBe((shippedAt + 3600) * 1000);
  });

  it('holds seeded history in every state: waiting for collection, in transit, partly shipped', async () => {
    const sandbox = await quietSandbox({ orders: 400 });
    opened.push(sandbox);
    const statuses = new Set([...sandbox.market.allOrders()].map((o) => o.status));
    for (const status of [
      'UNPAID',
      'ON_HOLD',
      'AWAITING_SHIPMENT',
      'PARTIALLY_SHIPPING',
      'AWAITING_COLLECTION',
      'IN_TRANSIT',
      'DELIVERED',
      'CANCELLED',
    ]) {
      expect(statuses).toContain(status);
    }
    const split = [...sandbox.market.allOrders()].filter((o) => o.packages.length > 1);
    expect(split.length).toBeGreaterThan(0);
  });
});

describe('changing shipping information after the ship', () => {
  it('is refused for a US shop 72 hours after shipping (21011049)', async () => {
    const sandbox = await sandboxWith(0);
    const order = [...sandbox.market.allOrders()].find(
      (o) =>
        o.shippingType === 'SELLER' &&
        o.status === 'AWAITING_SHIPMENT' &&
        o.shop.region === 'US' &&
        o.packages.length === 0,
    )!;
    const carrier = order.shop.providers[order.tier][0]!;
    const marked = await call<{ package_id: string }>(
      sandbox,
      'POST',
      `/fulfillment/202309/orders/${order.id}/packages`,
      {
        cipher: order.shop.cipher,
        body: { tracking_number: trackingNumberFor(carrier, '6100001'), shipping_provider_id: PROVIDER_IDS[carrier] },
      },
    );
    sandbox.market.advanceClock(73 * 3600);
    const update = await call(
      sandbox,
      'POST',
      `/fulfillment/202309/packages/${marked.data.package_id}/shipping_info/update`,
      {
        cipher: order.shop.cipher,
        body: { tracking_number: trackingNumberFor(carrier, '6100002'), shipping_provider_id: PROVIDER_IDS[carrier] },
      },
    );
    expect(update).toMatchObject({
      code: 21011049,
      message: 'Due to platform rule limitations, you are unable to update the tracking number.',
    });
  });
});
