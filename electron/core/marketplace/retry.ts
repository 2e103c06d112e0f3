export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Bound on one HTTP exchange, connect to last byte. */
  timeoutMs: number;
  /** A retry hint longer than this is not waited for: the call fails and the caller tries again later. */
  maxHintMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  timeoutMs: 15_000,
  maxHintMs: 60_000,
};

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential, capped, with jitter so many stations
 * hitting the same limit do not come back in step. A retry hint from the marketplace is a floor, never shortened.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  hintMs: number | null = null,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = cap / 2 + random() * (cap / 2);
  if (hintMs === null) return Math.round(jittered);
  return Math.round(hintMs + random() * Math.min(policy.baseDelayMs, hintMs / 4 + 1));
}

/** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
