import type { Manifest, ScanVerdict } from '../../../shared/contract/pickups';
import type { Db } from '../db/database';
import type { PickupStore } from './pickup-store';
import { Conflict, NotFound } from '../errors/domain-errors';

interface ManifestRow {
  id: number;
  pickup_id: number;
  state: 'open' | 'closed';
  opened_at: number;
  closed_at: number | null;
  driver_name: string | null;
}

interface ScanRow {
  id: number;
  code: string;
  package_id: string | null;
  verdict: ScanVerdict;
  at: number;
}

/** The handover checklist: every parcel scanned as it goes on the truck, against what the pickup expects. */
export class ManifestStore {
  constructor(
    private readonly db: Db,
    private readonly pickups: PickupStore,
    private readonly now: () => number,
  ) {}

  /** The pickup's open manifest, or a new one. */
  open(pickupId: number, userId: number | null, driverName: string | null): number {
    const pickup = this.pickups.require(pickupId);
    if (pickup.state === 'closed') throw new Conflict(`Pickup ${pickupId} was already handed over.`);
    if (pickup.openManifestId !== null) return pickup.openManifestId;
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO manifests (pickup_id, opened_at, opened_by, driver_name) VALUES (?, ?, ?, ?)')
      .run(pickupId, this.now(), userId, driverName);
    return Number(lastInsertRowid);
  }

  get(id: number): Manifest {
    const row = this.db.prepare('SELECT * FROM manifests WHERE id = ?').get(id) as ManifestRow | undefined;
    if (!row) throw new NotFound(`There is no manifest ${id}.`);
    const pickup = this.pickups.require(row.pickup_id);
    const scans = (
      this.db
        .prepare('SELECT id, code, package_id, verdict, at FROM manifest_scans WHERE manifest_id = ? ORDER BY id')
        .all(id) as ScanRow[]
    ).map((s) => ({
      id: s.id,
      code: s.code,
      packageId: s.package_id,
      verdict: s.verdict,
      at: s.at,
    }));
    const scanned = new Set(scans.filter((s) => s.verdict === 'expected').map((s) => s.packageId));
    const expected = pickup.parcels.map((parcel) => ({ ...parcel, scanned: scanned.has(parcel.packageId) }));
    const photoIds = (
      this.db.prepare(`SELECT id FROM photos WHERE manifest_id = ? ORDER BY id`).all(id) as Array<{ id: number }>
    ).map((p) => p.id);
    const miss = this.db.prepare(`SELECT reason FROM photo_misses WHERE manifest_id = ? ORDER BY id DESC`).get(id) as
      | { reason: string }
      | undefined;
    return {
      id: row.id,
      pickupId: row.pickup_id,
      carrier: pickup.carrier,
      state: row.state,
      driverName: row.driver_name,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      expected,
      expectedCount: expected.length,
      scannedCount: expected.filter((p) => p.scanned).length,
      missing: expected.filter((p) => !p.scanned).map(({ scanned: _scanned, ...parcel }) => parcel),
      foreign: scans.filter((s) => s.verdict === 'foreign' || s.verdict === 'unknown'),
      scans,
      photoIds,
      noPhotoReason: miss?.reason ?? null,
    };
  }

  /**
   * Judges one scanned code: a parcel of this pickup (first time or again), a parcel the station knows that belongs
   * elsewhere, or a code it does not know. The code may be the tracking number, the package id or the order id.
   */
  scan(manifestId: number, code: string, userId: number | null): { verdict: ScanVerdict; packageId: string | null } {
    const manifest = this.get(manifestId);
    if (manifest.state === 'closed') throw new Conflict(`Manifest ${manifestId} is closed.`);
    const normalized = code.trim().toUpperCase();
    const known = this.db
      .prepare(
        `SELECT id FROM packages WHERE upper(tracking_number) = ? OR upper(id) = ?
         UNION SELECT id FROM packages WHERE upper(order_id) = ? AND (SELECT count(*) FROM packages q WHERE upper(q.order_id) = ?) = 1
         LIMIT 1`,
      )
      .get(normalized, normalized, normalized, normalized) as { id: string } | undefined;
    const expected = known ? manifest.expected.find((p) => p.packageId === known.id) : undefined;
    let verdict: ScanVerdict;
    if (!known) verdict = 'unknown';
    else if (!expected) verdict = 'foreign';
    else verdict = expected.scanned ? 'duplicate' : 'expected';
    this.db
      .prepare(
        'INSERT INTO manifest_scans (manifest_id, code, package_id, verdict, at, user_id) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(manifestId, code.trim(), known?.id ?? null, verdict, this.now(), userId);
    return { verdict, packageId: known?.id ?? null };
  }

  markClosed(id: number, userId: number | null): void {
    this.db
      .prepare(`UPDATE manifests SET state = 'closed', closed_at = ?, closed_by = ? WHERE id = ?`)
      .run(this.now(), userId, id);
  }
}
