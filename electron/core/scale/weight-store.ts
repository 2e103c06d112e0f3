import type { ParcelWeight, WeightSource } from '../../../shared/contract/scale';
import type { Db } from '../db/database';

interface WeightRow {
  order_id: string;
  grams: number;
  source: WeightSource;
  weighed_at: number;
  weighed_by: number | null;
}

const toWeight = (row: WeightRow): ParcelWeight => ({
  orderId: row.order_id,
  grams: row.grams,
  source: row.source,
  weighedAt: row.weighed_at,
  weighedBy: row.weighed_by,
});

/** The weight recorded with each parcel; weighing again replaces it. */
export class ParcelWeightStore {
  constructor(private readonly db: Db) {}

  get(orderId: string): ParcelWeight | null {
    const row = this.db
      .prepare('SELECT order_id, grams, source, weighed_at, weighed_by FROM parcel_weights WHERE order_id = ?')
      .get(orderId) as WeightRow | undefined;
    return row ? toWeight(row) : null;
  }

  record(weight: ParcelWeight): ParcelWeight {
    this.db
      .prepare(
        `INSERT INTO parcel_weights (order_id, grams, source, weighed_at, weighed_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(order_id) DO UPDATE SET grams = excluded.grams, source = excluded.source,
           weighed_at = excluded.weighed_at, weighed_by = excluded.weighed_by`,
      )
      .run(weight.orderId, weight.grams, weight.source, weight.weighedAt, weight.weighedBy);
    return weight;
  }
}
