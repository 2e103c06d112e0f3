import type { TrackingRange } from '../../../shared/contract/printing';
import type { z } from 'zod';
import { carrierFor } from '../../../shared/domain/tracking/carriers';
import { issueNext, rangeProblem, type NumberRange } from '../../../shared/domain/tracking/number-range';
import type { Db } from '../db/database';
import { InvalidRequest } from '../errors/domain-errors';
import { OrderUpdates } from '../orders';

interface RangeRow {
  id: number;
  carrier: string;
  format_id: string;
  prefix: string;
  suffix: string;
  serial_width: number;
  first_serial: number;
  last_serial: number;
  next_serial: number;
  shipping_provider_id: string;
  active: number;
}

const toRange = (row: RangeRow): NumberRange => ({
  formatId: row.format_id,
  carrier: row.carrier,
  prefix: row.prefix,
  suffix: row.suffix,
  serialWidth: row.serial_width,
  first: row.first_serial,
  last: row.last_serial,
  next: row.next_serial,
});

function describe(row: RangeRow): z.infer<typeof TrackingRange> {
  const range = toRange(row);
  const issued = issueNext(range);
  return {
    id: row.id,
    ...range,
    shippingProviderId: row.shipping_provider_id,
    active: row.active === 1,
    nextNumber: issued.ok ? issued.number : null,
  };
}

/** Carriers' tracking-number ranges and the tracking number stored on each package. */
export class TrackingStore {
  constructor(private readonly db: Db) {}

  ranges(): Array<z.infer<typeof TrackingRange>> {
    return (this.db.prepare('SELECT * FROM tracking_ranges ORDER BY active DESC, id').all() as RangeRow[]).map(
      describe,
    );
  }

  addRange(
    range: Omit<NumberRange, 'next'> & { shippingProviderId: string },
    now: number,
  ): z.infer<typeof TrackingRange> {
    const candidate: NumberRange = { ...range, next: range.first };
    const problem = rangeProblem(candidate);
    if (problem) throw new InvalidRequest(problem);
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO tracking_ranges (carrier, format_id, prefix, suffix, serial_width, first_serial, last_serial, next_serial, shipping_provider_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        range.carrier,
        range.formatId,
        range.prefix,
        range.suffix,
        range.serialWidth,
        range.first,
        range.last,
        range.first,
        range.shippingProviderId,
        now,
      );
    return this.range(Number(lastInsertRowid))!;
  }

  range(id: number): z.infer<typeof TrackingRange> | null {
    const row = this.db.prepare('SELECT * FROM tracking_ranges WHERE id = ?').get(id) as RangeRow | undefined;
    return row ? describe(row) : null;
  }

  disable(id: number): void {
    this.db.prepare('UPDATE tracking_ranges SET active = 0 WHERE id = ?').run(id);
  }

  /** The active range of a carrier (matched by its rule, so "China Post" finds an "EMS" range) that still has numbers. */
  private rangeRowFor(carrier: string): RangeRow | null {
    const rule = carrierFor(carrier);
    const rows = this.db
      .prepare('SELECT * FROM tracking_ranges WHERE active = 1 AND next_serial <= last_serial ORDER BY id')
      .all() as RangeRow[];
    return (
      rows.find((row) => row.carrier.toLowerCase() === carrier.toLowerCase()) ??
      rows.find((row) => rule !== null && carrierFor(row.carrier) === rule) ??
      null
    );
  }

  /** The marketplace provider id configured with the carrier's ranges, for numbers scanned from its own labels. */
  providerFor(carrier: string): string | null {
    const rule = carrierFor(carrier);
    const rows = this.db
      .prepare('SELECT carrier, shipping_provider_id FROM tracking_ranges ORDER BY active DESC, id DESC')
      .all() as Array<{ carrier: string; shipping_provider_id: string }>;
    const match =
      rows.find((row) => row.carrier.toLowerCase() === carrier.toLowerCase()) ??
      rows.find((row) => rule !== null && carrierFor(row.carrier) === rule);
    return match?.shipping_provider_id ?? null;
  }

  /** What the carrier's range would issue next, without taking it (for the preview). */
  peek(carrier: string): { number: string; shippingProviderId: string } | null {
    const row = this.rangeRowFor(carrier);
    if (!row) return null;
    const issued = issueNext(toRange(row));
    return issued.ok ? { number: issued.number, shippingProviderId: row.shipping_provider_id } : null;
  }

  /** Takes the next number of the carrier's range. Call inside the transaction that stores it on the package. */
  take(carrier: string): { number: string; shippingProviderId: string } | { problem: string } {
    const row = this.rangeRowFor(carrier);
    if (!row)
      return {
        problem: `No tracking number: scan the ${carrier} label, or add a ${carrier} number range in Settings, Printing.`,
      };
    const issued = issueNext(toRange(row));
    if (!issued.ok) return { problem: issued.reason };
    this.db.prepare('UPDATE tracking_ranges SET next_serial = ? WHERE id = ?').run(issued.range.next, row.id);
    return { number: issued.number, shippingProviderId: row.shipping_provider_id };
  }

  /** Stores a validated number on the order's first package (the package row the marketplace ships). */
  store(
    orderId: string,
    packageId: string,
    trackingNumber: string,
    carrier: string | null,
    shippingProviderId: string | null,
  ): void {
    new OrderUpdates(this.db).packageTracking(orderId, packageId, trackingNumber, carrier, shippingProviderId);
  }
}
