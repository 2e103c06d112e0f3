import { TikTokOrder, fieldPath } from './schemas';

/** An order as validated, with the answer's own record kept for evidence (unknown fields included). */
export interface PulledOrder {
  order: TikTokOrder;
  raw: unknown;
}

/** An order of an answer that does not match the spec: the rest of the answer is still read. */
export interface RefusedOrder {
  /** null when the record has no id the station can read. */
  orderId: string | null;
  /** The offending field inside the order, e.g. "recipient_address.region_code". */
  field: string;
  reason: string;
  raw: unknown;
}

export interface OrdersReading {
  orders: PulledOrder[];
  refused: RefusedOrder[];
}

/** Reads an answer's orders one by one: a refusal names the order and its field, and never costs the others. */
export function readOrders(rawOrders: readonly unknown[]): OrdersReading {
  const reading: OrdersReading = { orders: [], refused: [] };
  for (const raw of rawOrders) {
    const parsed = TikTokOrder.safeParse(raw);
    if (parsed.success) {
      reading.orders.push({ order: parsed.data, raw });
      continue;
    }
    const issue = parsed.error.issues[0]!;
    const rawId = (raw as { id?: unknown } | null)?.id;
    reading.refused.push({
      orderId: typeof rawId === 'string' && rawId !== '' ? rawId : null,
      field: fieldPath('', issue.path).replace(/^\./, '') || '(the order)',
      reason: issue.message,
      raw,
    });
  }
  return reading;
}
