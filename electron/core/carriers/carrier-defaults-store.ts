import type { DeliveryOptionDefault } from '../../../shared/contract/carriers';
import type { Db } from '../db/database';

interface OptionRow {
  shop_id: string;
  delivery_option_id: string;
  delivery_option_name: string | null;
  open_orders: number;
  provider_id: string | null;
  provider_name: string | null;
  set_by_name: string | null;
  set_at: number | null;
}

/** Orders still to pack or ship at this station: their delivery options are the ones a default is needed for. */
const OPEN_STATES = `('queued', 'packing', 'held', 'packed')`;

const toEntry = (row: OptionRow): DeliveryOptionDefault => ({
  shopId: row.shop_id,
  deliveryOptionId: row.delivery_option_id,
  deliveryOptionName: row.delivery_option_name,
  openOrders: row.open_orders,
  default:
    row.provider_id !== null && row.provider_name !== null
      ? { provider: { id: row.provider_id, name: row.provider_name }, setBy: row.set_by_name, setAt: row.set_at! }
      : null,
});

/** The warehouse's default shipping provider per shop and delivery option (carrier_defaults, migration 14). */
export class CarrierDefaultsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /**
   * Every delivery option of the open seller-shipped orders, and every option that has a default, each once, with
   * its default: the list Settings shows.
   */
  list(): DeliveryOptionDefault[] {
    const rows = this.db
      .prepare(
        `WITH open_options AS (
           SELECT shop_id, delivery_option_id, max(delivery_option_name) AS delivery_option_name, count(*) AS open_orders
           FROM orders
           WHERE station_state IN ${OPEN_STATES} AND shipping_type = 'SELLER' AND delivery_option_id IS NOT NULL
           GROUP BY shop_id, delivery_option_id
         ), options AS (
           SELECT shop_id, delivery_option_id FROM open_options
           UNION SELECT shop_id, delivery_option_id FROM carrier_defaults
         )
         SELECT o.shop_id, o.delivery_option_id,
                coalesce(oo.delivery_option_name, d.delivery_option_name) AS delivery_option_name,
                coalesce(oo.open_orders, 0) AS open_orders,
                d.provider_id, d.provider_name, u.name AS set_by_name, d.set_at
         FROM options o
         LEFT JOIN open_options oo ON oo.shop_id = o.shop_id AND oo.delivery_option_id = o.delivery_option_id
         LEFT JOIN carrier_defaults d ON d.shop_id = o.shop_id AND d.delivery_option_id = o.delivery_option_id
         LEFT JOIN users u ON u.id = d.set_by
         ORDER BY o.shop_id, coalesce(oo.delivery_option_name, d.delivery_option_name, o.delivery_option_id)`,
      )
      .all() as OptionRow[];
    return rows.map(toEntry);
  }

  /** One option with its default (also when no open order has it any more). */
  entry(shopId: string, deliveryOptionId: string): DeliveryOptionDefault {
    const found = this.list().find((entry) => entry.shopId === shopId && entry.deliveryOptionId === deliveryOptionId);
    return found ?? { shopId, deliveryOptionId, deliveryOptionName: null, openOrders: 0, default: null };
  }

  /** The default provider of a shop's delivery option, or null when none is set. */
  get(shopId: string, deliveryOptionId: string): { id: string; name: string } | null {
    const row = this.db
      .prepare(
        'SELECT provider_id AS id, provider_name AS name FROM carrier_defaults WHERE shop_id = ? AND delivery_option_id = ?',
      )
      .get(shopId, deliveryOptionId) as { id: string; name: string } | undefined;
    return row ?? null;
  }

  /** Sets the default (replacing any), or removes it when provider is null. */
  set(
    change: {
      shopId: string;
      deliveryOptionId: string;
      deliveryOptionName: string | null;
      provider: { id: string; name: string } | null;
    },
    userId: number | null,
  ): void {
    if (!change.provider) {
      this.db
        .prepare('DELETE FROM carrier_defaults WHERE shop_id = ? AND delivery_option_id = ?')
        .run(change.shopId, change.deliveryOptionId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO carrier_defaults (shop_id, delivery_option_id, delivery_option_name, provider_id, provider_name, set_by, set_at)
         VALUES (@shopId, @deliveryOptionId, @deliveryOptionName, @providerId, @providerName, @userId, @at)
         ON CONFLICT (shop_id, delivery_option_id) DO UPDATE SET
           delivery_option_name = coalesce(excluded.delivery_option_name, carrier_defaults.delivery_option_name),
           provider_id = excluded.provider_id, provider_name = excluded.provider_name,
           set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run({
        shopId: change.shopId,
        deliveryOptionId: change.deliveryOptionId,
        deliveryOptionName: change.deliveryOptionName,
        providerId: change.provider.id,
        providerName: change.provider.name,
        userId,
        at: this.now(),
      });
  }
}
