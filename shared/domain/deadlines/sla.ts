/** TikTok Shop's fallback windows when an order carries no SLA of its own: pack within 48 h, hand over within 72 h. */
export const PACK_WITHIN_MS = 48 * 3_600_000;
export const HANDOVER_WITHIN_MS = 72 * 3_600_000;

export interface SlaSource {
  /** Unix ms; the marketplace's ready-to-ship deadline (rts_sla_time). */
  rtsSlaTime?: number | null;
  /** Unix ms; the marketplace's handed-to-carrier deadline (tts_sla_time). */
  ttsSlaTime?: number | null;
  /** Unix ms; when the buyer paid. */
  paidAt?: number | null;
}

export interface Deadlines {
  packBy: number | null;
  handoverBy: number | null;
}

/** The marketplace's own SLA wins; else paid time + 48 h / + 72 h; an unpaid order has no deadline yet. */
export function deadlinesFor(source: SlaSource): Deadlines {
  const paid = source.paidAt ?? null;
  return {
    packBy: source.rtsSlaTime ?? (paid === null ? null : paid + PACK_WITHIN_MS),
    handoverBy: source.ttsSlaTime ?? (paid === null ? null : paid + HANDOVER_WITHIN_MS),
  };
}
