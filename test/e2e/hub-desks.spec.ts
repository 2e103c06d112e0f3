import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startHub, type Hub } from '../../hub/src/hub';
import { startTestPostgres, testHubConfig, unleasedTikTokOrder } from '../integration/hub/hub-fixture';
import { startStationProcess, type StationProcess } from '../support/station-process';
import { expect, scan, signIn, test } from './fixtures';

/** What each unit of the order scans as at the desk: its catalogue barcode where there is one, else its seller SKU. */
function unitCodes(dataDir: string, orderId: string): string[] {
  const db = new Database(join(dataDir, 'packbench.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT coalesce((SELECT min(code) FROM sku_barcodes b WHERE b.sku_id = l.sku_id), l.seller_sku) AS code FROM order_lines l WHERE l.order_id = ? ORDER BY l.rowid`,
      )
      .all(orderId) as Array<{ code: string }>;
    return rows.map((row) => row.code);
  } finally {
    db.close();
  }
}

test('two desks and a hub: the second desk is refused the order open at the first, which ships it once', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const postgres = await startTestPostgres();
  let hub: Hub | null = null;
  const desks: StationProcess[] = [];
  try {
    hub = await startHub({
      config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_e2e')),
      log: () => undefined,
    });
    await hub.puller.pullNow();
    for (const deskId of ['desk-a', 'desk-b'])
      desks.push(
        await startStationProcess({
          PACKBENCH_HUB_URL: hub.url,
          PACKBENCH_HUB_TOKEN: hub.token,
          PACKBENCH_STATION_ID: deskId,
        }),
      );
    const [deskA, deskB] = desks as [StationProcess, StationProcess];
    const { orderId, packageId } = await unleasedTikTokOrder(hub.pool);

    const pageA = await browser.newPage();
    const pageB = await browser.newPage();
    await signIn(pageA, deskA);
    await signIn(pageB, deskB);
    await expect(pageA.getByTestId('pack-screen')).toBeVisible();
    await expect(pageB.getByTestId('pack-screen')).toBeVisible();

    await scan(pageA, orderId);
    await expect(pageA.getByTestId('pack-verdict')).toHaveAttribute('data-kind', 'order_opened');
    await scan(pageB, orderId);
    const refused = pageB.getByTestId('pack-verdict');
    await expect(refused).toHaveAttribute('data-kind', 'order_refused');
    await expect(refused).toContainText(`Order ${orderId} cannot be packed`);
    await expect(refused).toContainText(/desk-a since \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    for (const code of unitCodes(deskA.dataDir, orderId)) {
      await expect(pageA.getByTestId('pack-screen')).toHaveAttribute('data-busy', 'false');
      await scan(pageA, code);
    }
    await expect.poll(() => hub!.marketplace.sandbox!.shipCount(packageId), { timeout: 30_000 }).toBe(1);
    // Still once after the desk's sync worker had time to hand anything more over.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(hub.marketplace.sandbox!.market.shipAttempts.get(packageId)).toBe(1);
  } finally {
    for (const desk of desks) await desk.stop();
    await hub?.close();
    await postgres.stop();
  }
});
