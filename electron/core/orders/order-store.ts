import type { OrderChange, QueueRow } from '../../../shared/contract/orders';
import {
  Order,
  type MarketStatus,
  type OrderInput,
  type Service,
  type StationState,
} from '../../../shared/domain/orders/order';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { checkedOrder } from '../marketplace';
import {
  lineValues,
  orderFromRows,
  orderValues,
  packageValues,
  type LineRow,
  type OrderRow,
  type PackageRow,
} from './order-rows';

/** Marketplace statuses after the parcel left the seller: nothing left to pack. */
const SHIPPED_UPSTREAM: readonly MarketStatus[] = ['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED'];

/** States the station reached on its own; a marketplace update must not send such an order back to the queue. */
const STATION_PROGRESS: readonly StationState[] = ['packing', 'held', 'packed', 'labelled', 'handed_over'];

/** The station states listed by orders.queue, in the order they are listed. */
const QUEUE_STATES = ['packing', 'queued'] as const;
const QUEUE_FILTER = '(@carrier IS NULL OR carrier = @carrier) AND (@service IS NULL OR service = @service)';
const QUEUE_COLUMNS = `id, station_state, pack_by, shipping_type, carrier, service, is_cod, buyer_message,
  json_extract(recipient, '$.name') AS ship_name, json_extract(recipient, '$.city') AS ship_city,
  json_extract(recipient, '$.postalCode') AS ship_postal, json_extract(recipient, '$.countryCode') AS ship_country`;
const QUEUE_COUNT_SQL = `SELECT count(*) AS "all", count(pack_by) AS dated FROM orders WHERE station_state = @state AND ${QUEUE_FILTER}`;
/**
 * The dated part of the queue is paged in two steps: the page's rows are found in orders_pack_deadline, which holds
 * the state, deadline, carrier and service, so the rows OFFSET skips and the filter checks cost index entries only;
 * then just those rows are read (and the page's rows sorted again). Read in one step through orders_queue, each skipped
 * row of a filtered page was a table read: a 100-row page 600 rows into one carrier's queue took 19 ms instead of 1.
 */
export const QUEUE_DATED_SQL = `SELECT ${QUEUE_COLUMNS} FROM orders WHERE rowid IN (
  SELECT rowid FROM orders INDEXED BY orders_pack_deadline
  WHERE station_state = @state AND pack_by IS NOT NULL AND ${QUEUE_FILTER} ORDER BY pack_by, rowid LIMIT @limit OFFSET @offset)
  ORDER BY pack_by, rowid`;
/** Orders without a deadline are few: read in rowid order straight from orders_queue, which that covering index is not. */
export const QUEUE_UNDATED_SQL = `SELECT ${QUEUE_COLUMNS} FROM orders
  WHERE station_state = @state AND pack_by IS NULL AND ${QUEUE_FILTER} ORDER BY rowid LIMIT @limit OFFSET @offset`;

/** Only one carrier's or one service's orders. */
export interface QueueFilter {
  carrier?: string | undefined;
  service?: Service | undefined;
}

interface SlimRow {
  id: string;
  station_state: string;
  pack_by: number | null;
  shipping_type: QueueRow['shippingType'];
  carrier: string | null;
  service: Service;
  is_cod: number;
  buyer_message: string;
  ship_name: string | null;
  ship_city: string | null;
  ship_postal: string | null;
  ship_country: string | null;
}

/** Reads and writes orders; with order-rows.ts, the only place that knows how an Order maps onto its tables. */
export class OrderStore {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** Prepared once per store: the queue's reads run for every caller of every page. */
  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * Inserts or updates orders from the marketplace in one transaction. Idempotent: the same orders twice change
   * nothing. The station's own progress is kept; an order cancelled upstream becomes 'cancelled' whatever it was.
   * `raw` is the marketplace's own record, kept for evidence and for fields the station does not model.
   */
  upsertFromMarketplace(
    orders: ReadonlyArray<{ order: OrderInput; raw: unknown; payment?: unknown }>,
    pulledAt: number,
  ): {
    inserted: number;
    updated: number;
    unchanged: number;
    cancelled: string[];
    changed: string[];
    changes: Array<{ orderId: string; kinds: OrderChange[] }>;
  } {
    const existing = this.statement(
      'SELECT station_state, updated_at, raw, payment, recipient FROM orders WHERE id = ?',
    );
    // Bound by position, in the order of order-rows.ts (orderValues, lineValues, packageValues).
    const insert = this.statement(
      `INSERT INTO orders (status, station_state, shipping_type, delivery_option_id, delivery_option_name, service, carrier,
         buyer_message, is_cod, recipient, payment, paid_at, updated_at, pack_by, handover_by, raw, pulled_at, id, shop_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.statement(
      `UPDATE orders SET status = ?, station_state = ?, shipping_type = ?, delivery_option_id = ?, delivery_option_name = ?,
         service = ?, carrier = ?, buyer_message = ?, is_cod = ?, recipient = ?, payment = ?, paid_at = ?, updated_at = ?,
         pack_by = ?, handover_by = ?, raw = ?, pulled_at = ?
       WHERE id = ?`,
    );
    const deleteLines = this.statement('DELETE FROM order_lines WHERE order_id = ?');
    const insertLine = this.statement(
      `INSERT INTO order_lines (id, order_id, sku_id, seller_sku, product_name, sku_name, image_url, sale_price, currency, package_id, is_gift)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const upsertPackage = this.statement(
      `INSERT INTO packages (id, order_id, tracking_number, shipping_provider_id, shipping_provider_name)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET
         tracking_number = coalesce(excluded.tracking_number, packages.tracking_number),
         shipping_provider_id = coalesce(excluded.shipping_provider_id, packages.shipping_provider_id),
         shipping_provider_name = coalesce(excluded.shipping_provider_name, packages.shipping_provider_name)`,
    );

    return this.db.transaction(() => {
      const result = {
        inserted: 0,
        updated: 0,
        unchanged: 0,
        cancelled: [] as string[],
        changed: [] as string[],
        changes: [] as Array<{ orderId: string; kinds: OrderChange[] }>,
      };
      for (const { order: input, raw, payment } of orders) {
        const order = checkedOrder(input) ?? Order.parse(input);
        const before = existing.get(order.id) as
          | { station_state: StationState; updated_at: number; raw: string; payment: string; recipient: string }
          | undefined;
        if (before && before.updated_at > order.updatedAt) continue;
        const rawJson = JSON.stringify(raw);
        const paymentJson = payment === undefined ? (before?.payment ?? '{}') : JSON.stringify(payment);
        // The same version of the order again (an overlapping pull): nothing to write, not even pulled_at.
        if (
          before &&
          before.updated_at === order.updatedAt &&
          before.raw === rawJson &&
          before.payment === paymentJson
        ) {
          result.unchanged += 1;
          continue;
        }
        let stationState: StationState = before?.station_state ?? order.stationState;
        const recipientJson = JSON.stringify(order.recipient);
        const kinds: OrderChange[] = [];
        if (before && before.recipient !== recipientJson) kinds.push('address_changed');
        if (order.status === 'CANCELLED') {
          if (stationState !== 'cancelled') {
            result.cancelled.push(order.id);
            if (before) kinds.push('cancelled');
          }
          stationState = 'cancelled';
        } else if (!before) {
          stationState = SHIPPED_UPSTREAM.includes(order.status) ? 'shipped_elsewhere' : order.stationState;
        } else if (SHIPPED_UPSTREAM.includes(order.status) && stationState === 'queued') {
          // Shipped by someone else (another desk, the seller's back office) while it waited here.
          stationState = 'shipped_elsewhere';
        } else if (!STATION_PROGRESS.includes(stationState) && stationState !== 'shipped_elsewhere') {
          stationState = 'queued';
        }
        const values = orderValues(order, { stationState, recipientJson, paymentJson, rawJson, pulledAt });
        if (before) {
          update.run(values);
          result.updated += 1;
        } else {
          insert.run(...values, order.shopId, order.createdAt);
          result.inserted += 1;
        }
        result.changed.push(order.id);
        if (kinds.length > 0) result.changes.push({ orderId: order.id, kinds });
        // A new order has no lines yet.
        if (before) deleteLines.run(order.id);
        for (const line of order.lines) insertLine.run(lineValues(order.id, line));
        for (const pkg of order.packages) upsertPackage.run(packageValues(order.id, pkg));
      }
      return result;
    })();
  }

  get(id: string): Order | null {
    const row = this.db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
    return row ? this.hydrate(row) : null;
  }

  /**
   * How many orders each part of the queue holds (see queue()), optionally only one carrier's or one service's.
   * Each count reads a range of an index, never the orders themselves.
   */
  queueCounts(filter: QueueFilter): number[] {
    const params = { carrier: filter.carrier ?? null, service: filter.service ?? null };
    return QUEUE_STATES.flatMap((state) => {
      const counts = this.statement(QUEUE_COUNT_SQL).get({ ...params, state }) as { all: number; dated: number };
      return [counts.dated, counts.all - counts.dated];
    });
  }

  /**
   * One page of the orders a packer may open, given the queue's counts (queueCounts()). Orders open at a desk come
   * first, then the waiting ones by earliest pack-by deadline, orders without one last. Each of those four parts is
   * read as a range of the orders_queue index in its own order, so a page costs its rows (and the index entries
   * skipped before it), never a sort of the whole queue.
   */
  queue(
    filter: QueueFilter,
    page: { offset: number; limit: number },
    counts: readonly number[] = this.queueCounts(filter),
  ): { rows: QueueRow[]; total: number } {
    const params = { carrier: filter.carrier ?? null, service: filter.service ?? null };
    const picked: SlimRow[] = [];
    let total = 0;
    QUEUE_STATES.forEach((state, s) => {
      ([QUEUE_DATED_SQL, QUEUE_UNDATED_SQL] as const).forEach((sql, d) => {
        const count = counts[2 * s + d]!;
        const wanted = page.limit - picked.length;
        if (wanted > 0 && count > 0 && page.offset < total + count) {
          picked.push(
            ...(this.statement(sql).all({
              ...params,
              state,
              offset: Math.max(0, page.offset - total),
              limit: wanted,
            }) as SlimRow[]),
          );
        }
        total += count;
      });
    });
    return { rows: this.queueRows(picked), total };
  }

  /**
   * Something in the database changed since the last mark was taken when the mark differs: a write through this
   * connection (total_changes) or a commit by another one (data_version). Cheap enough to ask before every read.
   */
  changeMark(): string {
    // Two plain statements: reading data_version through the pragma_data_version table took twice as long, and this
    // runs for every orders.queue call of every desk.
    const own = this.statement('SELECT total_changes()').pluck().get() as number;
    const others = this.statement('PRAGMA data_version').pluck().get() as number;
    return `${own}/${others}`;
  }

  /** Carriers and services of the orders in the queue, with counts: what the queue's filters offer. */
  queueFacets(): {
    carriers: Array<{ carrier: string; count: number }>;
    services: Array<{ service: Service; count: number }>;
  } {
    const carriers = this.db
      .prepare(
        `SELECT carrier, count(*) AS count FROM orders WHERE station_state IN ('queued', 'packing') AND carrier IS NOT NULL
         GROUP BY carrier ORDER BY carrier`,
      )
      .all() as Array<{ carrier: string; count: number }>;
    const services = this.db
      .prepare(
        `SELECT service, count(*) AS count FROM orders WHERE station_state IN ('queued', 'packing') GROUP BY service ORDER BY service`,
      )
      .all() as Array<{ service: Service; count: number }>;
    return { carriers, services };
  }

  /** The station stops the order (the marketplace cancelled it): unless it already left, it is cancelled here too. */
  cancelAtStation(orderId: string, reason: string): void {
    this.db
      .prepare(
        `UPDATE orders SET station_state = 'cancelled', hold_reason = ? WHERE id = ? AND station_state != 'handed_over'`,
      )
      .run(reason, orderId);
  }

  /**
   * A joined desk's hub says which desk holds the order now. Held by another desk, an order waiting or open here leaves
   * this desk's queue, shown open at that desk (a scan of it is refused with that desk's name); held by this desk
   * again, it is back in the queue. Orders finished, on hold or closed keep their state.
   */
  markHolderDesk(orderId: string, holderDesk: string, thisDesk: string): void {
    if (holderDesk === thisDesk) {
      this.db
        .prepare(
          "UPDATE orders SET station_state = 'queued', open_at_station = NULL WHERE id = ? AND station_state = 'packing' AND open_at_station != ?",
        )
        .run(orderId, thisDesk);
    } else {
      this.db
        .prepare(
          "UPDATE orders SET station_state = 'packing', open_at_station = ? WHERE id = ? AND station_state IN ('queued', 'packing')",
        )
        .run(holderDesk, orderId);
    }
  }

  /**
   * The package TikTok created when the seller marked the parcel shipped (Mark Package As Shipped): local sellers'
   * orders have none before. Run inside the transaction that settles that write.
   */
  addShippedPackage(
    orderId: string,
    pkg: {
      id: string;
      lineItemIds: readonly string[];
      trackingNumber: string;
      shippingProviderId: string;
      shippingProviderName: string | null;
    },
  ): void {
    this.db
      .prepare(
        `INSERT INTO packages (id, order_id, tracking_number, shipping_provider_id, shipping_provider_name) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET tracking_number = excluded.tracking_number, shipping_provider_id = excluded.shipping_provider_id`,
      )
      .run(pkg.id, orderId, pkg.trackingNumber, pkg.shippingProviderId, pkg.shippingProviderName);
    const line = this.db.prepare('UPDATE order_lines SET package_id = ? WHERE order_id = ? AND id = ?');
    for (const lineId of pkg.lineItemIds) line.run(pkg.id, orderId, lineId);
  }

  /** The slim rows with their items: one read of the page's lines. */
  private queueRows(rows: readonly SlimRow[]): QueueRow[] {
    if (rows.length === 0) return [];
    const lines = this.statement(
      'SELECT order_id, sku_id, product_name, sku_name, is_gift FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY rowid',
    ).all(JSON.stringify(rows.map((row) => row.id))) as Array<{
      order_id: string;
      sku_id: string;
      product_name: string;
      sku_name: string;
      is_gift: number;
    }>;
    const byOrder = new Map<string, { items: Map<string, { name: string; count: number }>; hasGift: boolean }>();
    for (const line of lines) {
      let entry = byOrder.get(line.order_id);
      if (!entry) byOrder.set(line.order_id, (entry = { items: new Map(), hasGift: false }));
      const item = entry.items.get(line.sku_id) ?? {
        name: line.sku_name ? `${line.product_name} (${line.sku_name})` : line.product_name,
        count: 0,
      };
      item.count += 1;
      entry.items.set(line.sku_id, item);
      if (line.is_gift === 1) entry.hasGift = true;
    }
    return rows.map((row) => {
      const entry = byOrder.get(row.id);
      return {
        id: row.id,
        atDesk: row.station_state === 'packing',
        packBy: row.pack_by,
        shippingType: row.shipping_type,
        carrier: row.carrier,
        service: row.service,
        items: entry ? [...entry.items.values()] : [],
        shipTo: {
          name: row.ship_name ?? '',
          city: row.ship_city ?? '',
          postalCode: row.ship_postal ?? '',
          countryCode: row.ship_country ?? '',
        },
        isCod: row.is_cod === 1,
        hasGift: entry?.hasGift ?? false,
        buyerMessage: row.buyer_message,
      };
    });
  }

  private hydrate(row: OrderRow): Order {
    const lines = this.db
      .prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY rowid')
      .all(row.id) as LineRow[];
    const packages = this.db
      .prepare('SELECT * FROM packages WHERE order_id = ? ORDER BY rowid')
      .all(row.id) as PackageRow[];
    return orderFromRows(row, lines, packages);
  }
}
