import { z } from 'zod';
import * as api from '../../../electron/core/hub-link/api';
import { inTransaction, type Pool } from '../db/pool';
import type { HubMarketplace } from '../marketplace';
import type { HubPuller } from '../pull/hub-puller';
import {
  claimNext,
  claimOrder,
  deskLeases,
  queue,
  releaseLease,
  renewLeases,
  supervisorRelease,
  type LeasedOrder,
  type LeaseTimes,
} from '../store/lease-store';
import { productsOfOrders } from '../store/catalogue-store';
import { backlog, bucketOrders, buckets, desks, throughput } from '../store/dashboard-store';
import { orderIdForCode } from '../store/order-store';
import { handOver, pendingCount, writeStates } from '../store/outbox-store';
import { recordWebhook, validWebhookSignature } from '../webhooks';
import { ClaimQueue } from './claim-queue';
import { DASHBOARD_CSP, DASHBOARD_HTML } from './dashboard-page';
import { HttpError, type Route } from './server';

export interface RouteDeps {
  pool: Pool;
  /** Claims and renewals: commits that need not wait for the disk (see openPool). */
  leasePool: Pool;
  marketplace: HubMarketplace;
  puller: HubPuller;
  now: () => number;
  leaseIdleMs: number;
  deskBatch: number;
  atRiskMs: number;
  /** A desk handed writes over, or a webhook arrived: the workers look now instead of at their next tick. */
  onWrites(): void;
  onWebhook(): void;
}

type Input<S extends { parse(value: unknown): unknown }> = ReturnType<S['parse']>;

/** The hub's API for desks, supervisors and TikTok's webhooks. */
export function hubRoutes(deps: RouteDeps): Route[] {
  const { pool, leasePool } = deps;
  const times = (): LeaseTimes => ({ now: deps.now(), idleMs: deps.leaseIdleMs });
  const nextClaims = new ClaimQueue(leasePool, times);
  // A desk verifies items by product barcode: each leased order goes out with its products' codes.
  const withProducts = async (leased: readonly LeasedOrder[]) => {
    const products = await productsOfOrders(
      pool,
      leased.map((entry) => entry.order.id),
    );
    return leased.map((entry) => ({ ...entry, products: products.get(entry.order.id) ?? [] }));
  };
  return [
    {
      method: 'GET',
      path: '/api/v1/health',
      access: 'token',
      handle: async () => {
        const last = deps.puller.lastReport();
        const body: api.HealthAnswer = {
          ok: true,
          hubTime: deps.now(),
          marketplace: deps.marketplace.mode,
          leaseIdleMs: deps.leaseIdleMs,
          deskBatch: deps.deskBatch,
          lastPull: last && { at: last.at, ok: last.ok, stored: last.stored, error: last.error },
          outboxPending: await pendingCount(pool),
        };
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/queue',
      access: 'token',
      handle: async (_input, ctx) => {
        const limit = Math.min(1000, Math.max(1, Number(ctx.url.searchParams.get('limit') ?? 200) || 200));
        return { body: { orders: await queue(pool, limit, deps.now()) } };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/leases/claim',
      access: 'desk',
      body: api.ClaimRequest,
      handle: async (input, ctx) => {
        const request = input as Input<typeof api.ClaimRequest>;
        const orderId = 'orderId' in request ? request.orderId : await orderIdForCode(pool, request.code);
        if (!orderId) return { status: 409, body: { ok: false, refusal: { reason: 'unknown_order' } } };
        const result = await inTransaction(leasePool, (db) =>
          claimOrder(db, { orderId, deskId: ctx.deskId, packer: request.packer, kind: 'open' }, times()),
        );
        return 'lease' in result
          ? { body: { ok: true, leased: (await withProducts([result]))[0] } }
          : { status: 409, body: { ok: false, refusal: result } };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/leases/next',
      access: 'desk',
      body: api.NextRequest,
      handle: async (input, ctx) => {
        const request = input as Input<typeof api.NextRequest>;
        const leased = await nextClaims.claim({ deskId: ctx.deskId, packer: request.packer, kind: 'open' });
        // The answer as PostgreSQL built it: desks claiming at once must not queue behind JSON work here.
        return { json: `{"leased":${leased ?? 'null'}}` };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/leases/batch',
      access: 'desk',
      body: api.BatchRequest,
      handle: async (input, ctx) => {
        const size = (input as Input<typeof api.BatchRequest>).size ?? deps.deskBatch;
        const leased = await inTransaction(leasePool, async (db) => {
          const held = (await deskLeases(db, ctx.deskId, deps.now())).filter((entry) => entry.lease.kind === 'batch');
          if (held.length < size)
            await claimNext(
              db,
              Array.from({ length: size - held.length }, () => ({
                deskId: ctx.deskId,
                packer: null,
                kind: 'batch' as const,
              })),
              times(),
            );
          return deskLeases(db, ctx.deskId, deps.now());
        });
        return { body: { leased: await withProducts(leased) } };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/leases/renew',
      access: 'desk',
      body: api.RenewRequest,
      handle: async (input, ctx) => ({
        body: await inTransaction(leasePool, (db) =>
          renewLeases(db, ctx.deskId, (input as Input<typeof api.RenewRequest>).orderIds, times()),
        ),
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/leases/release',
      access: 'desk',
      body: api.ReleaseRequest,
      handle: async (input, ctx) => {
        const request = input as Input<typeof api.ReleaseRequest>;
        const result = await inTransaction(pool, (db) =>
          releaseLease(db, { deskId: ctx.deskId, ...request }, deps.now()),
        );
        return { status: result.ok ? 200 : 409, body: result };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/supervisor/release',
      access: 'token',
      body: api.SupervisorReleaseRequest,
      handle: async (input) => {
        const { orderId } = input as Input<typeof api.SupervisorReleaseRequest>;
        const result = await inTransaction(pool, (db) => supervisorRelease(db, orderId, deps.now()));
        if (!result) throw new HttpError(404, 'unknown_order', `order ${orderId} is not in the hub's orders`);
        return { body: result };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/writes',
      access: 'desk',
      body: api.WritesRequest,
      handle: async (input, ctx) => {
        const writes = await inTransaction(pool, (db) =>
          handOver(db, ctx.deskId, (input as Input<typeof api.WritesRequest>).writes, deps.now()),
        );
        deps.onWrites();
        return { body: { writes } };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/writes/states',
      access: 'desk',
      body: api.WriteStatesRequest,
      handle: async (input, ctx) => ({
        body: { writes: await writeStates(pool, ctx.deskId, (input as Input<typeof api.WriteStatesRequest>).writeIds) },
      }),
    },
    {
      method: 'GET',
      path: '/dashboard',
      // The page holds nothing; its script brings the token (from the address's fragment) to the API.
      access: 'public',
      handle: async () => ({ html: DASHBOARD_HTML, csp: DASHBOARD_CSP }),
    },
    {
      method: 'GET',
      path: '/api/v1/dashboard',
      access: 'token',
      handle: async (_input, ctx) => {
        const now = deps.now();
        const period = api.DashboardPeriod.safeParse({
          from: ctx.url.searchParams.get('from') ?? now - 86_400_000,
          to: ctx.url.searchParams.get('to') ?? now,
        });
        if (!period.success) throw new HttpError(400, 'invalid', 'from and to are Unix ms, from before to');
        const [queue, done, deskList, writes] = await Promise.all([
          buckets(pool, now, deps.atRiskMs),
          throughput(pool, period.data.from, period.data.to),
          desks(pool, now),
          backlog(pool),
        ]);
        const body: api.DashboardAnswer = {
          at: now,
          period: period.data,
          buckets: queue,
          throughput: done,
          desks: deskList,
          backlog: writes,
        };
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/dashboard/orders',
      access: 'token',
      handle: async (_input, ctx) => {
        const query = api.DrillDownQuery.safeParse({
          bucket: ctx.url.searchParams.get('bucket'),
          limit: ctx.url.searchParams.get('limit') ?? undefined,
        });
        if (!query.success) throw new HttpError(400, 'invalid', z.prettifyError(query.error));
        return {
          body: { orders: await bucketOrders(pool, query.data.bucket, deps.now(), deps.atRiskMs, query.data.limit) },
        };
      },
    },
    {
      method: 'POST',
      path: '/webhooks/tiktok',
      access: 'public',
      handle: async (_input, ctx) => {
        // TikTok's documented answers: 200 taken, 401 refused; both with an empty body.
        if (
          !validWebhookSignature(
            deps.marketplace.appKey(),
            deps.marketplace.appSecret(),
            ctx.rawBody,
            ctx.headers.authorization,
          )
        )
          return { status: 401, body: undefined };
        const verdict = await recordWebhook(pool, ctx.rawBody, deps.now());
        if (verdict.status === 400) throw new HttpError(400, 'invalid', verdict.message);
        if (verdict.accepted) deps.onWebhook();
        return { status: 200, body: undefined };
      },
    },
  ];
}
