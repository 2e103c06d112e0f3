import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Documents } from './documents';
import { FaultRule, type Faults, type FaultInput } from './faults';
import type { Gate } from './gate';
import type { Market } from './market';
import type { Webhooks } from './webhooks';

interface ControlAnswer {
  status: number;
  contentType?: string;
  body: unknown;
}

interface ControlContext {
  market: Market;
  faults: Faults;
  gate: Gate;
  documents: Documents;
  webhooks: Webhooks;
}

const AddressBody = z.object({
  name: z.string().min(1).optional(),
  lines: z.array(z.string()).min(1).max(4).optional(),
  city: z.string().min(1).optional(),
  district: z.string().optional(),
  region: z.string().min(1).optional(),
  postalCode: z.string().optional(),
});

const ok = (body: unknown): ControlAnswer => ({ status: 200, body });
const refused = (status: number, error: string): ControlAnswer => ({ status, body: { error } });

/** Runs a control that changes the market, turning its refusal into 409. */
function attempt(run: () => unknown): ControlAnswer {
  try {
    return ok(run());
  } catch (error) {
    return refused(409, error instanceof Error ? error.message : String(error));
  }
}

function state({ market, faults, gate, webhooks }: ControlContext): ControlAnswer {
  market.tick();
  const byStatus: Record<string, number> = {};
  for (const order of market.allOrders()) byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
  return ok({
    clock: market.now(),
    orders: byStatus,
    shipCounts: Object.fromEntries(market.shipCounts),
    shipAttempts: Object.fromEntries(market.shipAttempts),
    faults: faults.list(),
    tokenExpired: gate.expiry !== null,
    tokenRevoked: gate.revoked,
    webhookDeliveries: webhooks.log,
  });
}

function addFaults({ faults }: ControlContext, body: Record<string, unknown>): ControlAnswer {
  const rules = (Array.isArray(body.faults) ? body.faults : [body]) as FaultInput[];
  const checked = z.array(FaultRule).safeParse(rules);
  if (!checked.success) return refused(400, z.prettifyError(checked.error));
  faults.add(...rules);
  return ok({ faults: faults.list() });
}

const NewOrders = z.object({
  count: z.number().int().min(1).max(10_000).default(1),
  /** The shop's cipher. */
  shop: z.string().optional(),
  shippingType: z.enum(['TIKTOK', 'SELLER']).optional(),
  country: z.string().length(2).optional(),
});

/** POST /sandbox/orders {count?, shop?, shippingType?, country?}: new paid orders, of a shop / shipping / country if named. */
function addOrders(market: Market, body: Record<string, unknown>): ControlAnswer {
  const parsed = NewOrders.safeParse(body);
  if (!parsed.success) return refused(400, z.prettifyError(parsed.error));
  const { count, shippingType, country } = parsed.data;
  const shop = parsed.data.shop === undefined ? undefined : market.shops().find((s) => s.cipher === parsed.data.shop);
  if (parsed.data.shop !== undefined && !shop) return refused(400, `No shop has the cipher ${parsed.data.shop}.`);
  if ((shippingType || country) && !shop) return refused(400, 'Name the shop (its cipher) as well.');
  const share = shop?.tiktokShippingShare;
  if ((shippingType === 'TIKTOK' && share === 0) || (shippingType === 'SELLER' && share === 1))
    return refused(400, `${shop!.name} does not ship ${shippingType} orders.`);
  if (country && !shop!.destinations.some(([c]) => c === country))
    return refused(400, `${shop!.name} does not ship to ${country}.`);
  return ok({ orderIds: market.addOrders(count, { shop, shippingType, country }).map((order) => order.id) });
}

/** The /sandbox/... endpoints tests and demos drive the marketplace with (see /tmp/pb/sandbox-notes.md). */
export async function control(
  ctx: ControlContext,
  req: IncomingMessage,
  path: string,
  body: Record<string, unknown>,
): Promise<ControlAnswer> {
  const { market } = ctx;
  const method = req.method ?? 'GET';
  const documentMatch = /^\/sandbox\/documents\/([0-9a-f]+)$/.exec(path);
  if (method === 'GET' && documentMatch) {
    const file = await ctx.documents.render(documentMatch[1]!);
    return file
      ? { status: 200, contentType: file.contentType, body: file.body }
      : refused(404, 'This document link has expired.');
  }
  if (method === 'GET' && path === '/sandbox/state') return state(ctx);
  if (path === '/sandbox/faults' && method === 'POST') return addFaults(ctx, body);
  if (path === '/sandbox/faults' && method === 'DELETE') {
    ctx.faults.clear();
    ctx.gate.expiry = null;
    return ok({ faults: [] });
  }
  if (path === '/sandbox/clock' && method === 'POST') {
    const seconds = z.number().safeParse(body.advanceSeconds);
    if (!seconds.success) return refused(400, 'advanceSeconds must be a number');
    market.advanceClock(seconds.data);
    return ok({ clock: market.now() });
  }
  if (path === '/sandbox/orders' && method === 'POST') return addOrders(market, body);
  if (path === '/sandbox/tokens/revoke' && method === 'POST') {
    ctx.gate.revoked = true;
    return ok({ revoked: true });
  }
  if (path === '/sandbox/tokens/issue' && method === 'POST') return ok(ctx.gate.issue());
  const orderMatch = /^\/sandbox\/orders\/([^/]+)\/(cancel|address)$/.exec(path);
  if (orderMatch && method === 'POST') {
    const orderId = decodeURIComponent(orderMatch[1]!);
    if (orderMatch[2] === 'cancel') {
      return attempt(() => {
        const order = market.cancel(orderId, typeof body.reason === 'string' ? body.reason : undefined);
        return { orderId: order.id, status: order.status, updateTime: order.updateTime };
      });
    }
    const change = AddressBody.safeParse(body);
    if (!change.success) return refused(400, z.prettifyError(change.error));
    return attempt(() => {
      const order = market.changeAddress(orderId, change.data);
      return { orderId: order.id, updateTime: order.updateTime };
    });
  }
  const collectMatch = /^\/sandbox\/packages\/([^/]+)\/collect$/.exec(path);
  if (collectMatch && method === 'POST') {
    return attempt(() => {
      const pkg = market.shipping.collect(decodeURIComponent(collectMatch[1]!));
      return { packageId: pkg.id, status: pkg.status, collectedAt: pkg.collectedAt };
    });
  }
  return refused(404, `No sandbox control at ${method} ${path}.`);
}
