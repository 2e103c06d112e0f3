import type { OutboxRow } from '../../../shared/contract/sync';
import type { Order } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';
import type { OutboxStore } from '../outbox';
import type { DocumentFormat } from './shipment-store';

/** A package of a split order after its first: its own ship write and its own label (TikTok's, or one with its own tracking number). */
export interface SplitParcel {
  orderId: string;
  packageId: string;
  /** Null for a seller parcel still waiting for its tracking number. */
  shipWriteId: number | null;
  trackingNumber: string | null;
  documentPath: string | null;
  documentFormat: DocumentFormat | null;
}

interface Row {
  order_id: string;
  package_id: string;
  ship_write_id: number | null;
  tracking_number: string | null;
  document_path: string | null;
  document_format: DocumentFormat | null;
}

const toParcel = (row: Row): SplitParcel => ({
  orderId: row.order_id,
  packageId: row.package_id,
  shipWriteId: row.ship_write_id,
  trackingNumber: row.tracking_number,
  documentPath: row.document_path,
  documentFormat: row.document_format,
});

/** The split_parcels table: the only place that knows its SQL. */
export class SplitParcelStore {
  constructor(private readonly db: Db) {}

  /** The parcel of a package, once: arranging the shipment again (another carrier chosen) keeps what it has. */
  add(orderId: string, packageId: string, shipWriteId: number | null): void {
    this.db
      .prepare('INSERT OR IGNORE INTO split_parcels (order_id, package_id, ship_write_id) VALUES (?, ?, ?)')
      .run(orderId, packageId, shipWriteId);
  }

  setTracking(orderId: string, packageId: string, trackingNumber: string): void {
    this.db
      .prepare('UPDATE split_parcels SET tracking_number = ? WHERE order_id = ? AND package_id = ?')
      .run(trackingNumber, orderId, packageId);
  }

  setWrite(orderId: string, packageId: string, shipWriteId: number): void {
    this.db
      .prepare('UPDATE split_parcels SET ship_write_id = ? WHERE order_id = ? AND package_id = ?')
      .run(shipWriteId, orderId, packageId);
  }

  of(orderId: string): SplitParcel[] {
    return (this.db.prepare('SELECT * FROM split_parcels WHERE order_id = ? ORDER BY rowid').all(orderId) as Row[]).map(
      toParcel,
    );
  }

  keep(orderId: string, packageId: string, path: string, format: DocumentFormat): void {
    this.db
      .prepare('UPDATE split_parcels SET document_path = ?, document_format = ? WHERE order_id = ? AND package_id = ?')
      .run(path, format, orderId, packageId);
  }
}

/**
 * The packages a TikTok-shipped order still has to ship, in the order's own package order: those holding a line to
 * pack. TikTok splits an order into several packages when its items ship apart (size, warehouse, the seller's
 * split); each is shipped on its own and gets its own label. An order whose lines name no package ships its first.
 */
export function packagesToShip(order: Order): Order['packages'] {
  const holding = new Set(order.lines.map((line) => line.packageId).filter((id) => id !== null));
  const open = order.packages.filter((pkg) => holding.has(pkg.id));
  return open.length > 0 ? open : order.packages.slice(0, 1);
}

export type ShipWritesState = 'none' | 'cancelled' | 'failed' | 'pending' | 'done';

/**
 * Where the ship writes of one parcel's packages stand together: the label may be fetched only once every package
 * shipped, one dropped write drops the parcel, and one refusal is the desk's to resolve before anything else.
 */
export function shipWritesState(writes: ReadonlyArray<OutboxRow | null>): ShipWritesState {
  if (writes.length === 0) return 'none';
  if (writes.some((write) => !write || write.state === 'cancelled')) return 'cancelled';
  if (writes.some((write) => write!.state === 'failed')) return 'failed';
  if (writes.some((write) => write!.state === 'pending')) return 'pending';
  return 'done';
}

/**
 * The outbox rows of every ship write a parcel owes: its first package's (`shipWriteId`), then those of its split
 * parcels (SplitParcelStore.of).
 */
export function parcelShipWrites(
  outbox: OutboxStore,
  parcels: readonly SplitParcel[],
  shipWriteId: number | null,
): Array<OutboxRow | null> {
  // Until every parcel of a seller's split order has its write, TikTok Shop is not told the order shipped.
  if (parcels.some((parcel) => parcel.shipWriteId === null)) return [];
  const ids = [shipWriteId, ...parcels.map((parcel) => parcel.shipWriteId)];
  return ids.filter((id) => id !== null).map((id) => outbox.get(id));
}

/**
 * The split parcel a scanned carrier label is for once the first package has its number: the first one still
 * without a number, else one whose number TikTok refused.
 */
export function parcelToScan(parcels: readonly SplitParcel[], outbox: OutboxStore): SplitParcel | undefined {
  const refused = (parcel: SplitParcel) =>
    parcel.shipWriteId !== null && outbox.get(parcel.shipWriteId)?.state === 'failed';
  return parcels.find((parcel) => !parcel.trackingNumber) ?? parcels.find(refused);
}
