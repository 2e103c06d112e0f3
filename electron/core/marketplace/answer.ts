import type { z } from 'zod';
import { kindOfCode, MarketplaceError, TikTokCode } from './errors';
import { parseRetryAfter } from './retry';
import { Envelope, fieldPath, withoutNulls } from './schemas';

type EnvelopeReading = { ok: true; envelope: z.output<typeof Envelope> } | { ok: false; field: string; reason: string };

/** The answer's `{ code, message, request_id, data }`, or where it is not one ("body": not JSON at all). */
export function readEnvelope(text: string): EnvelopeReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, field: 'body', reason: 'not JSON' };
  }
  // Most answers hold no null at all: only those that may are copied without them.
  const envelope = Envelope.safeParse(text.includes('null') ? withoutNulls(json) : json);
  if (envelope.success) return { ok: true, envelope: envelope.data };
  const issue = envelope.error.issues[0]!;
  return { ok: false, field: fieldPath('', issue.path).slice(1), reason: issue.message };
}

export interface Answer {
  call: string;
  /** The call is a write: an answer that leaves its fate open says mayHaveApplied. */
  write: boolean;
  status: number;
  headers: Headers;
  text: string;
  now: number;
}

/** The envelope's data of one HTTP answer, or the MarketplaceError the answer means (thrown). */
export function readAnswer({ call, write, status: httpStatus, headers, text, now }: Answer): unknown {
  const requestId = headers.get('x-tt-logid');
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
  const retryAfterSeconds = retryAfterMs === null ? null : retryAfterMs / 1000;
  const reading = readEnvelope(text);
  const envelope = reading.ok ? reading.envelope : null;
  if (httpStatus === 429) {
    const message = envelope
      ? `rate limited (HTTP 429): ${envelope.message} (code ${envelope.code})`
      : 'rate limited (HTTP 429)';
    throw new MarketplaceError({
      kind: 'rate_limited',
      call,
      message,
      httpStatus,
      code: envelope?.code || TikTokCode.rateLimited,
      requestId: envelope?.request_id ?? requestId,
      retryAfterSeconds,
    });
  }
  // Whatever the HTTP status, an envelope with a code says what happened (a 4xx or 5xx may carry one).
  if (envelope && envelope.code !== TikTokCode.ok) {
    const { code, message } = envelope;
    let kind = kindOfCode(code, message);
    // A server error with a code the station does not know: the server failed, so a write may have landed.
    if (httpStatus >= 500 && kind === 'rejected') kind = 'transient';
    // TikTok's internal errors say nothing about whether a write went through: ask upstream before resending.
    const mayHaveApplied = kind === 'transient' && write;
    throw new MarketplaceError({
      kind,
      call,
      code,
      message: `${message} (code ${code})`,
      httpStatus,
      requestId: envelope.request_id ?? requestId,
      retryAfterSeconds,
      mayHaveApplied,
    });
  }
  if (httpStatus >= 500) {
    throw new MarketplaceError({
      kind: 'transient',
      call,
      message: `server error (HTTP ${httpStatus})`,
      httpStatus,
      requestId,
      retryAfterSeconds,
      mayHaveApplied: write,
    });
  }
  if (!reading.ok) {
    const field = reading.field;
    const message =
      field === 'body'
        ? `the answer (HTTP ${httpStatus}) is not JSON`
        : `the answer's envelope (HTTP ${httpStatus}) is invalid at ${field}: ${reading.reason}`;
    throw new MarketplaceError({ kind: 'malformed', call, message, field, httpStatus, requestId });
  }
  // An envelope saying success under a refusing status: believe the status.
  if (httpStatus < 200 || httpStatus >= 300) {
    throw new MarketplaceError({
      kind: 'rejected',
      call,
      message: `refused (HTTP ${httpStatus}): ${reading.envelope.message}`,
      httpStatus,
      requestId: reading.envelope.request_id ?? requestId,
    });
  }
  return reading.envelope.data;
}

/** `write`: the answer of a write that succeeded (code 0) but reads wrong: it did land, so it may have applied. */
export function readData<S extends z.ZodType>(call: string, schema: S, data: unknown, write = false): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldPath('data', issue.path);
  throw new MarketplaceError({
    kind: 'malformed',
    call,
    message: `unexpected answer at ${field}: ${issue.message}`,
    field,
    mayHaveApplied: write,
  });
}

/** A fetch that failed before any answer: whether a write may have landed depends on how far it got. */
export function networkError(call: string, error: unknown, write: boolean, timeoutMs: number): MarketplaceError {
  const cause = (error as { cause?: { code?: string } }).cause;
  const name = (error as { name?: string }).name;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  // A refused connection never reached the marketplace, so even a write is safe to send again.
  const neverSent = cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND';
  const reason = timedOut
    ? `no answer within ${timeoutMs} ms`
    : `network error (${cause?.code ?? (error as Error).message})`;
  return new MarketplaceError({ kind: 'transient', call, message: reason, mayHaveApplied: write && !neverSent });
}
