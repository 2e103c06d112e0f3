import { expect } from 'vitest';
import { ok } from '../../support/station-calls';
import { type tempStation } from '../../support/temp-station';
import { until } from '../../support/until';

export type Station = Awaited<ReturnType<typeof tempStation>>;

export { ok };

export const row = <T = Record<string, unknown>>(station: Station, sql: string, ...params: unknown[]) =>
  station.services.db.prepare(sql).get(...params) as T | undefined;

/** What each unit of the order scans as: its catalogue barcode where there is one, else its seller SKU. */
export function scanCodes(station: Station, orderId: string): string[] {
  return (
    station.services.db
      .prepare(
        `SELECT coalesce((SELECT min(code) FROM sku_barcodes b WHERE b.sku_id = l.sku_id), l.seller_sku) AS code FROM order_lines l WHERE l.order_id = ? ORDER BY l.rowid`,
      )
      .all(orderId) as Array<{ code: string }>
  ).map((r) => r.code);
}

/** Opens the order at the desk and scans every unit, as a packer does; the last scan completes it. */
export async function packOrder(station: Station, orderId: string): Promise<void> {
  await ok(station.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
  let last;
  for (const code of scanCodes(station, orderId))
    last = await ok(station.call('http', 'pack.scan', { text: code, source: 'scanner' }));
  expect(last?.view).toMatchObject({ complete: true });
}

/** Waits for the first order the query finds (the pull stores page by page). */
export const firstOrder = (station: Station, what: string, where: string) =>
  until(
    what,
    () => row<{ id: string }>(station, `SELECT o.id FROM orders o WHERE ${where} ORDER BY o.pack_by, o.id LIMIT 1`),
    30_000,
  ).then((r) => r.id);

/** Polls the label state of an order until it is one of `states`. */
export const labelState = (station: Station, orderId: string, states: string[], ms = 30_000) =>
  until(
    `label of ${orderId} in ${states.join('/')}`,
    () => {
      const status = station.services.fulfillment.label(orderId);
      return status && states.includes(status.state) ? status : null;
    },
    ms,
  );
