import { z } from 'zod';
import { documentedMessage } from './error-table';

/**
 * Faults a test can ask the sandbox for, each for the next `times` matching requests:
 * - rate_limit: HTTP 429 with code 36009002 and a Retry-After hint.
 * - server_error: HTTP 500 (nothing applied).
 * - slow: answer normally after delayMs.
 * - drop_after_write: apply the request, then drop the connection without an answer.
 * - malformed_json: HTTP 200 whose body is cut off mid-JSON.
 * - bad_field: a well-formed answer with `field` (a path into the envelope, e.g. data.orders.0.update_time) set to
 *   `value`: an unexpected answer the client must refuse.
 * - bad_signature: refuse as though the signature were wrong (106001).
 * - expired_token: the current access token counts as expired (105002) until refreshed; with refreshable false
 *   the refresh is refused too, so the shop must be reconnected. Not consumed per request.
 * - duplicate_order: the answer's data.orders lists its first order twice (at the start and the end), as a page
 *   can when an order changes while it is served.
 * - error_code: answer `code` with its documented message (or `message`), with `status` as HTTP status when given
 *   (default 200, 429 for 36009002). A code the sandbox's error table lacks needs a message.
 */
export const FaultRule = z
  .object({
    kind: z.enum([
      'rate_limit',
      'server_error',
      'slow',
      'drop_after_write',
      'malformed_json',
      'bad_field',
      'bad_signature',
      'expired_token',
      'error_code',
      'duplicate_order',
    ]),
    /** Applies to requests whose path contains this; empty: every API request. */
    path: z.string().default(''),
    method: z.enum(['GET', 'POST']).optional(),
    times: z.number().int().positive().default(1),
    /** Matching requests to let through before the fault starts (e.g. 1: fail from the second page on). */
    skip: z.number().int().nonnegative().default(0),
    retryAfterSeconds: z.number().nonnegative().default(1),
    delayMs: z.number().int().nonnegative().default(2_000),
    /** HTTP status: server_error's (5xx, default 500), or error_code's (default 200). */
    status: z.number().int().min(200).max(599).optional(),
    code: z.number().int().positive().optional(),
    message: z.string().optional(),
    field: z.string().default(''),
    value: z.unknown().optional(),
    refreshable: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === 'server_error' && rule.status !== undefined && rule.status < 500)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'server_error needs a 5xx status.' });
    if (rule.kind !== 'error_code') return;
    if (rule.code === undefined) ctx.addIssue({ code: 'custom', path: ['code'], message: 'error_code needs a code.' });
    else if (rule.message === undefined && documentedMessage(rule.code) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['message'],
        message: `Code ${rule.code} is not in the sandbox's table of documented errors: give its message.`,
      });
    }
  });
export type FaultRule = z.infer<typeof FaultRule>;
export type FaultInput = z.input<typeof FaultRule>;

/** Per-test fault queue: the first matching rule with uses left fires and is used up. */
export class Faults {
  private rules: FaultRule[] = [];

  add(...inputs: FaultInput[]): void {
    this.rules.push(...inputs.map((input) => FaultRule.parse(input)));
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** The fault for this request, if any, consuming one use of it. */
  take(method: string, path: string): FaultRule | null {
    const index = this.rules.findIndex(
      (rule) => rule.kind !== 'expired_token' && path.includes(rule.path) && (!rule.method || rule.method === method),
    );
    if (index < 0) return null;
    const rule = this.rules[index]!;
    if (rule.skip > 0) {
      this.rules[index] = { ...rule, skip: rule.skip - 1 };
      return null;
    }
    if (rule.times <= 1) this.rules.splice(index, 1);
    else this.rules[index] = { ...rule, times: rule.times - 1 };
    return rule;
  }

  /** Takes out the pending token-expiry rule; the server keeps it as state until a refresh. */
  takeExpiry(): FaultRule | null {
    const index = this.rules.findIndex((rule) => rule.kind === 'expired_token');
    return index < 0 ? null : this.rules.splice(index, 1)[0]!;
  }
}

/** Sets `path` (dot-separated, numeric parts index arrays) inside a JSON value. */
export function setAtPath(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.').filter(Boolean);
  let cursor = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = cursor?.[key];
    if (typeof next !== 'object' || next === null) return;
    cursor = next as Record<string, unknown>;
  }
  if (cursor && keys.length > 0) cursor[keys[keys.length - 1]!] = value;
}
