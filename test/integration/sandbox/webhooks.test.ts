import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { call, CIPHERS, controlPost, quietSandbox } from './signed-fetch';

interface Received {
  authorization: string;
  body: string;
}

let sandbox: Sandbox;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
/** Answers to give, in order (then 200). */
const answers: number[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ authorization: String(req.headers.authorization), body });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tiktok`;
  sandbox = await quietSandbox({ orders: 60 });
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function until(count: number): Promise<void> {
  for (let i = 0; i < 100 && received.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(received.length).toBeGreaterThanOrEqual(count);
}

const events = () =>
  received.map((r) => JSON.parse(r.body) as { type: number; shop_id: string; data: Record<string, unknown> });

describe('webhooks as TikTok sends them', () => {
  it('registers per topic, then posts signed order status, address and cancellation events', async () => {
    const cipher = CIPHERS.usLocal;
    for (const event_type of ['ORDER_STATUS_CHANGE', 'RECIPIENT_ADDRESS_UPDATE', 'CANCELLATION_STATUS_CHANGE']) {
      expect(
        (await call(sandbox, 'PUT', '/event/202309/webhooks', { cipher, body: { address: receiverUrl, event_type } }))
          .code,
      ).toBe(0);
    }
    const listed = await call<{ webhooks: Array<{ event_type: string; address: string }>; total_count: number }>(
      sandbox,
      'GET',
      '/event/202309/webhooks',
      { cipher },
    );
    expect(listed.data.total_count).toBe(3);

    const [a, b] = [...sandbox.market.allOrders()].filter(
      (o) => o.shop.cipher === cipher && o.status === 'AWAITING_SHIPMENT',
    );
    await controlPost(sandbox, `/sandbox/orders/${a!.id}/cancel`);
    await controlPost(sandbox, `/sandbox/orders/${b!.id}/address`, { city: 'Albany' });
    await until(3);
    const { appKey, appSecret } = sandbox.credentials();
    for (const { authorization, body } of received)
      expect(authorization).toBe(createHmac('sha256', appSecret).update(`${appKey}${body}`).digest('hex'));
    expect(events().map((e) => [e.type, e.data.order_id])).toEqual([
      [1, a!.id],
      [11, a!.id],
      [3, b!.id],
    ]);
    expect(events()[0]!.data).toMatchObject({ order_status: 'CANCEL' });
    expect(events()[1]!.data).toMatchObject({
      cancellations_role: 'BUYER',
      cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
    });
    expect(events().every((e) => e.shop_id === a!.shop.id)).toBe(true);
  });

  it('retries a failed delivery 2 minutes later on the sandbox clock, and stops after a 401', async () => {
    received.length = 0;
    answers.push(500, 401);
    const order = [...sandbox.market.allOrders()].find(
      (o) => o.shop.cipher === CIPHERS.usLocal && o.status === 'AWAITING_SHIPMENT',
    )!;
    await controlPost(sandbox, `/sandbox/orders/${order.id}/address`, { city: 'Buffalo' });
    await until(1);
    sandbox.market.advanceClock(60);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(1);
    sandbox.market.advanceClock(61);
    await until(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    sandbox.market.advanceClock(3600);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(2);
    await call(sandbox, 'DELETE', '/event/202309/webhooks', {
      cipher: CIPHERS.usLocal,
      body: { event_type: 'RECIPIENT_ADDRESS_UPDATE' },
    });
    expect(
      (await call<{ total_count: number }>(sandbox, 'GET', '/event/202309/webhooks', { cipher: CIPHERS.usLocal })).data
        .total_count,
    ).toBe(2);
  });
});
