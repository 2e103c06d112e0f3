import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import type { OutboxWrite } from '../../../shared/contract/sync';
import { inTransaction } from '../../../hub/src/db/pool';
import { startHub, type Hub } from '../../../hub/src/hub';
import { claimOrder, expireLeases, renewLeases } from '../../../hub/src/store/lease-store';
import { webhookSignature } from '../../../hub/src/webhooks';
import { startTestPostgres, testHubConfig } from './hub-fixture';

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let hub: Hub;
let sandbox: Sandbox;

const desk = (deskId: string) => new HubLink({ url: hub.url, token: hub.token, deskId, retries: 0 });

/** Queued orders the sandbox ships by TikTok's carrier, with their package (a drop-off ship needs nothing more). */
async function tiktokShipped(count: number): Promise<Array<{ orderId: string; packageId: string }>> {
  const { rows } = await hub.pool.query<{ id: string; package_id: string }>(
    `SELECT o.id, p.id AS package_id FROM orders o JOIN packages p ON p.order_id = o.id
      WHERE o.hub_state = 'queued' AND o.data->>'shippingType' = 'TIKTOK'
        AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.order_id = o.id) AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.order_id = o.id)
      ORDER BY o.id LIMIT $1`,
    [count],
  );
  expect(rows).toHaveLength(count);
  return rows.map((row) => ({ orderId: row.id, packageId: row.package_id }));
}

const dropOff = (ref: { orderId: string; packageId: string }): OutboxWrite => ({
  kind: 'ship.tiktok',
  ...ref,
  handoverMethod: 'DROP_OFF',
  pickupSlot: null,
});

async function postWebhook(body: string, signature: string): Promise<number> {
  const response = await fetch(`${hub.url}/webhooks/tiktok`, {
    method: 'POST',
    headers: { authorization: signature, 'content-type': 'application/json' },
    body,
  });
  return response.status;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_writes')),
    sendWrites: false,
    log: () => undefined,
  });
  sandbox = hub.marketplace.sandbox!;
  await hub.puller.pullNow();
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await postgres?.stop();
});

describe('desk writes through the hub', () => {
  it('sends a write once, however often it is handed over, and tells the desk how it ended', async () => {
    const [ref] = await tiktokShipped(1);
    const write = { writeId: 'desk-a:1', write: dropOff(ref!) };
    expect((await desk('desk-a').handOver([write]))[0]).toMatchObject({ writeId: 'desk-a:1', state: 'pending' });
    await desk('desk-a').handOver([write]);
    expect(await hub.sender.drain()).toBe(1);
    await desk('desk-a').handOver([write]);
    expect(await hub.sender.drain()).toBe(0);
    expect(sandbox.shipCount(ref!.packageId)).toBe(1);
    expect(await desk('desk-a').writeStates(['desk-a:1'])).toEqual([
      {
        writeId: 'desk-a:1',
        state: 'done',
        outcome: 'sent',
        createdPackageId: null,
        errorKind: null,
        errorMessage: null,
      },
    ]);
  });

  it('settles the same write from a second desk without a second request', async () => {
    const [ref] = await tiktokShipped(1);
    await desk('desk-a').handOver([{ writeId: 'desk-a:2', write: dropOff(ref!) }]);
    await desk('desk-b').handOver([{ writeId: 'desk-b:9', write: dropOff(ref!) }]);
    await hub.sender.drain();
    expect(sandbox.shipCount(ref!.packageId)).toBe(1);
    expect((await desk('desk-b').writeStates(['desk-b:9']))[0]).toMatchObject({
      state: 'done',
      outcome: 'already_applied',
    });
  });

  it('asks TikTok before sending again a write whose answer was lost', async () => {
    const [ref] = await tiktokShipped(1);
    sandbox.faults.add({ kind: 'drop_after_write', path: `/packages/${ref!.packageId}/ship`, times: 1 });
    await desk('desk-a').handOver([{ writeId: 'desk-a:3', write: dropOff(ref!) }]);
    await hub.sender.drain();
    const { rows } = await hub.pool.query<{ in_doubt: boolean; state: string }>(
      'SELECT in_doubt, state FROM outbox WHERE write_key = $1',
      ['desk-a:3'],
    );
    expect(rows[0]).toEqual({ in_doubt: true, state: 'pending' });
    await hub.pool.query('UPDATE outbox SET next_attempt_at = 0 WHERE write_key = $1', ['desk-a:3']);
    await hub.sender.drain();
    expect(sandbox.shipCount(ref!.packageId)).toBe(1);
    expect((await desk('desk-a').writeStates(['desk-a:3']))[0]).toMatchObject({
      state: 'done',
      outcome: 'confirmed_upstream',
    });
  });

  it('refuses a write for an order the hub does not have, as failed', async () => {
    const [state] = await desk('desk-a').handOver([
      { writeId: 'desk-a:4', write: dropOff({ orderId: 'no-such-order', packageId: 'no-such-package' }) },
    ]);
    expect(state).toMatchObject({ state: 'failed', errorKind: 'unknown_order' });
  });
});

describe('leases that go idle', () => {
  it('expire, and the desk that comes back is told who has its order now', async () => {
    const [ref] = await tiktokShipped(1);
    const t0 = Date.now();
    const idle = { now: t0, idleMs: 60_000 };
    expect(
      await inTransaction(hub.pool, (db) =>
        claimOrder(db, { orderId: ref!.orderId, deskId: 'desk-a', packer: null, kind: 'open' }, idle),
      ),
    ).toHaveProperty('lease');
    expect(
      await inTransaction(hub.pool, (db) =>
        claimOrder(
          db,
          { orderId: ref!.orderId, deskId: 'desk-b', packer: null, kind: 'open' },
          { ...idle, now: t0 + 59_000 },
        ),
      ),
    ).toMatchObject({ reason: 'leased', deskId: 'desk-a' });
    const later = { ...idle, now: t0 + 61_000 };
    expect(
      await inTransaction(hub.pool, (db) =>
        claimOrder(db, { orderId: ref!.orderId, deskId: 'desk-b', packer: null, kind: 'open' }, later),
      ),
    ).toHaveProperty('lease');
    const back = await inTransaction(hub.pool, (db) => renewLeases(db, 'desk-a', [ref!.orderId], later));
    expect(back).toEqual({
      renewed: [],
      lost: [{ orderId: ref!.orderId, heldBy: 'desk-b', since: later.now, state: 'queued' }],
    });
    const { rows } = await hub.pool.query<{ event: string; desk_id: string }>(
      'SELECT event, desk_id FROM lease_events WHERE order_id = $1 ORDER BY id',
      [ref!.orderId],
    );
    expect(rows).toEqual([
      { event: 'claimed', desk_id: 'desk-a' },
      { event: 'expired', desk_id: 'desk-a' },
      { event: 'claimed', desk_id: 'desk-b' },
    ]);
    expect(await expireLeases(hub.pool, later.now + 61_000)).toBeGreaterThanOrEqual(1);
    expect((await hub.pool.query('SELECT 1 FROM leases WHERE order_id = $1', [ref!.orderId])).rows).toHaveLength(0);
  });
});

describe('TikTok webhooks', () => {
  const credentials = () => sandbox.credentials();
  const event = (type: number, data: Record<string, unknown>, id: string) =>
    JSON.stringify({ type, tts_notification_id: id, shop_id: [...sandbox.market.shops()][0]!.id, timestamp: 1, data });

  it('refuses an unsigned or wrongly signed event with 401, and takes a signed one', async () => {
    const body = event(1, { order_id: 'x', order_status: 'AWAITING_SHIPMENT', update_time: 1 }, 'n-1');
    expect(await postWebhook(body, '')).toBe(401);
    expect(await postWebhook(body, webhookSignature(credentials().appKey, 'wrong-secret', body))).toBe(401);
    expect(
      await postWebhook(
        body.replace('"x"', '"y"'),
        webhookSignature(credentials().appKey, credentials().appSecret, body),
      ),
    ).toBe(401);
    expect(await postWebhook(body, webhookSignature(credentials().appKey, credentials().appSecret, body))).toBe(200);
  });

  it('closes a cancelled order at once, ends its lease, and fetches the order by id', async () => {
    const [ref] = await tiktokShipped(1);
    expect((await desk('desk-a').claim({ orderId: ref!.orderId })).ok).toBe(true);
    sandbox.market.cancel(ref!.orderId);
    const body = event(
      11,
      {
        order_id: ref!.orderId,
        cancellations_role: 'BUYER',
        cancel_status: 'CANCELLATION_REQUEST_SUCCESS',
        cancel_id: '1',
        create_time: 1,
      },
      'n-2',
    );
    expect(await postWebhook(body, webhookSignature(credentials().appKey, credentials().appSecret, body))).toBe(200);
    expect(await desk('desk-b').claim({ orderId: ref!.orderId })).toEqual({
      ok: false,
      refusal: { reason: 'not_queued', state: 'closed', doneBy: null },
    });
    // The desk that held it is handed the hub's record of it, cancelled, before TikTok's detail is fetched again.
    expect(await desk('desk-a').renew([ref!.orderId])).toEqual({
      renewed: [],
      lost: [
        {
          orderId: ref!.orderId,
          heldBy: null,
          since: null,
          state: 'closed',
          order: expect.objectContaining({ id: ref!.orderId, status: 'CANCELLED' }),
        },
      ],
    });
    await hub.processWebhooks();
    const { rows } = await hub.pool.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
      ref!.orderId,
    ]);
    expect(rows[0]!.status).toBe('CANCELLED');
  });

  it('fetches an order whose address changed, and takes a repeated delivery once', async () => {
    const [ref] = await tiktokShipped(1);
    sandbox.market.changeAddress(ref!.orderId, { name: 'Webhook Buyer' });
    const body = event(3, { order_id: ref!.orderId, update_time: 2 }, 'n-3');
    const signature = webhookSignature(credentials().appKey, credentials().appSecret, body);
    expect(await postWebhook(body, signature)).toBe(200);
    expect(await postWebhook(body, signature)).toBe(200);
    expect(
      (await hub.pool.query('SELECT 1 FROM webhook_events WHERE notification_id = $1', ['n-3'])).rows,
    ).toHaveLength(1);
    await hub.processWebhooks();
    const { rows } = await hub.pool.query<{ name: string }>(
      `SELECT data->'recipient'->>'name' AS name FROM orders WHERE id = $1`,
      [ref!.orderId],
    );
    expect(rows[0]!.name).toBe('Webhook Buyer');
  });
});
