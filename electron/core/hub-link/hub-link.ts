import { z } from 'zod';
import * as api from './api';

/**
 * Why a call to the hub failed:
 * - offline: no answer (network, hub down, timeout) or the hub failed (5xx) after the retries: work on locally.
 * - unauthorized: the hub refused the token (PACKBENCH_HUB_TOKEN is wrong).
 * - refused: the hub refused the request itself (4xx): retrying the same request will not help.
 * - malformed: the answer did not match the protocol (a hub of another version).
 */
export type HubLinkErrorKind = 'offline' | 'unauthorized' | 'refused' | 'malformed';

export class HubLinkError extends Error {
  constructor(
    readonly kind: HubLinkErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'HubLinkError';
  }
}

export interface HubLinkOptions {
  /** The hub's base URL (PACKBENCH_HUB_URL). */
  url: string;
  /** PACKBENCH_HUB_TOKEN. */
  token: string;
  /** This desk's name (its station id): the hub names it to other desks. */
  deskId: string;
  timeoutMs?: number;
  /** Extra tries of a call that is safe to repeat, after no answer or a 5xx. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

type Call<S extends z.ZodType> = {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  answer: S;
  repeatable: boolean;
  refusalStatuses?: readonly number[];
};

/**
 * The desk's side of the hub's API: typed calls, every answer validated, calls that are safe to repeat retried with
 * backoff, and a failure that says whether the desk is offline (go on with what it holds) or was refused.
 */
export class HubLink {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HubLinkOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get deskId(): string {
    return this.options.deskId;
  }

  health() {
    return this.call({ method: 'GET', path: '/api/v1/health', answer: api.HealthAnswer, repeatable: true });
  }

  queue(limit = 200) {
    return this.call({
      method: 'GET',
      path: `/api/v1/queue?limit=${limit}`,
      answer: api.QueueAnswer,
      repeatable: true,
    });
  }

  /** Claims one order (by id or by a scanned code); refused with the holder's desk and since when. Repeating is harmless. */
  claim(
    request: { orderId: string; packer?: string | null } | { code: string; packer?: string | null },
  ): Promise<api.ClaimAnswer> {
    return this.call({
      method: 'POST',
      path: '/api/v1/leases/claim',
      body: request,
      answer: api.ClaimAnswer,
      repeatable: true,
      refusalStatuses: [409],
    });
  }

  /** The next order to pack. Not repeated on a lost answer: a repeat would lease a second order. */
  async next(packer: string | null = null): Promise<api.LeasedOrder | null> {
    return (
      await this.call({
        method: 'POST',
        path: '/api/v1/leases/next',
        body: { packer },
        answer: api.NextAnswer,
        repeatable: false,
      })
    ).leased;
  }

  /** Tops the desk's standing batch up to `size` (the hub's setting when left out); answers every order the desk holds. */
  async batch(size?: number): Promise<api.LeasedOrder[]> {
    return (
      await this.call({
        method: 'POST',
        path: '/api/v1/leases/batch',
        body: size === undefined ? {} : { size },
        answer: api.BatchAnswer,
        repeatable: true,
      })
    ).leased;
  }

  renew(orderIds: readonly string[]): Promise<api.RenewAnswer> {
    return this.call({
      method: 'POST',
      path: '/api/v1/leases/renew',
      body: { orderIds },
      answer: api.RenewAnswer,
      repeatable: true,
    });
  }

  release(request: {
    orderId: string;
    outcome: 'done' | 'held' | 'returned';
    packer?: string | null;
    reason?: string | null;
  }) {
    return this.call({
      method: 'POST',
      path: '/api/v1/leases/release',
      body: request,
      answer: api.ReleaseAnswer,
      repeatable: true,
      refusalStatuses: [409],
    });
  }

  supervisorRelease(orderId: string) {
    return this.call({
      method: 'POST',
      path: '/api/v1/supervisor/release',
      body: { orderId },
      answer: api.SupervisorReleaseAnswer,
      repeatable: true,
    });
  }

  /** The warehouse dashboard for [from, to) (default: the last 24 h). */
  dashboard(period?: { from: number; to: number }) {
    const query = period ? `?from=${period.from}&to=${period.to}` : '';
    return this.call({
      method: 'GET',
      path: `/api/v1/dashboard${query}`,
      answer: api.DashboardAnswer,
      repeatable: true,
    });
  }

  async bucketOrders(bucket: 'overdue' | 'atRisk' | 'later' | 'noDeadline' | 'held', limit = 100) {
    return (
      await this.call({
        method: 'GET',
        path: `/api/v1/dashboard/orders?bucket=${bucket}&limit=${limit}`,
        answer: api.DrillDownAnswer,
        repeatable: true,
      })
    ).orders;
  }

  /** Hands outbox writes to the hub, keyed by the desk's own write ids: handing one over again is harmless. */
  async handOver(writes: readonly api.HandedWrite[]): Promise<api.WriteState[]> {
    return (
      await this.call({
        method: 'POST',
        path: '/api/v1/writes',
        body: { writes },
        answer: api.WritesAnswer,
        repeatable: true,
      })
    ).writes;
  }

  async writeStates(writeIds: readonly string[]): Promise<api.WriteState[]> {
    return (
      await this.call({
        method: 'POST',
        path: '/api/v1/writes/states',
        body: { writeIds },
        answer: api.WritesAnswer,
        repeatable: true,
      })
    ).writes;
  }

  private async call<S extends z.ZodType>(spec: Call<S>): Promise<z.output<S>> {
    const tries = spec.repeatable ? 1 + (this.options.retries ?? 2) : 1;
    let last: HubLinkError | null = null;
    for (let attempt = 0; attempt < tries; attempt += 1) {
      if (attempt > 0) await this.sleep(Math.min(2_000, 200 * 2 ** (attempt - 1)));
      try {
        return await this.once(spec);
      } catch (error) {
        if (!(error instanceof HubLinkError) || error.kind !== 'offline') throw error;
        last = error;
      }
    }
    throw last!;
  }

  private async once<S extends z.ZodType>(spec: Call<S>): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await this.fetch(new URL(spec.path, this.options.url), {
        method: spec.method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          [api.DESK_HEADER]: this.options.deskId,
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new HubLinkError(
        'offline',
        `the hub at ${this.options.url} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500)
      throw new HubLinkError('offline', `the hub failed (${response.status})`, response.status);
    if (response.status === 401)
      throw new HubLinkError('unauthorized', "the hub refused this desk's token (PACKBENCH_HUB_TOKEN)", 401);
    const ok = response.ok || spec.refusalStatuses?.includes(response.status);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new HubLinkError('malformed', `the hub's answer to ${spec.path} is not JSON`, response.status);
    }
    if (!ok) {
      const refusal = api.ErrorAnswer.safeParse(json);
      throw new HubLinkError(
        'refused',
        refusal.success ? refusal.data.message : `the hub refused ${spec.path} (${response.status})`,
        response.status,
      );
    }
    const parsed = spec.answer.safeParse(json);
    if (!parsed.success)
      throw new HubLinkError(
        'malformed',
        `the hub's answer to ${spec.path} does not match this desk's protocol: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`,
        response.status,
      );
    return parsed.data;
  }
}
