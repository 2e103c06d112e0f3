import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { HubLink } from '../../electron/core/hub-link/hub-link';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/server';
import { startHub, type Hub } from '../../hub/src/hub';
import { startTestPostgres, testHubConfig, unleasedTikTokOrder } from '../integration/hub/hub-fixture';
import { startHubProcess, type ChildRun } from '../integration/hub/sim/processes';
import { CuttingProxy } from '../support/cutting-proxy';
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

test('the hub SIGKILLed and restarted while a desk packs: both desks carry on and the order ships once', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const postgres = await startTestPostgres();
  const sandbox: Sandbox = await startSandbox({ seed: 7, orders: 60, arrivalEverySeconds: 0 });
  const token = 'e2e-hub-kill-token-0123456789';
  const databaseUrl = await postgres.database('hub_e2e_kill');
  const credentials = sandbox.credentials();
  const env = {
    PACKBENCH_HUB_DATABASE_URL: databaseUrl,
    PACKBENCH_HUB_DATA_DIR: postgres.folder('hub'),
    PACKBENCH_HUB_HOST: '127.0.0.1',
    PACKBENCH_HUB_PORT: '0',
    PACKBENCH_HUB_TOKEN: token,
    PACKBENCH_PULL_INTERVAL_SECONDS: '0',
    PACKBENCH_MARKETPLACE_URL: sandbox.url,
    PACKBENCH_APP_KEY: credentials.appKey,
    PACKBENCH_APP_SECRET: credentials.appSecret,
    PACKBENCH_ACCESS_TOKEN: credentials.accessToken,
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // Stopping PostgreSQL at the end may tell a closing connection it is terminated (57P01): the test ending, not a fault.
  pool.on('error', () => undefined);
  let hub: ChildRun<string> = startHubProcess(env);
  // The desks reach the hub at one address, whatever port the restarted hub takes.
  const hubAddress = new CuttingProxy(Number(new URL(await hub.ready).port));
  await hubAddress.start();
  const desks: StationProcess[] = [];
  try {
    const observer = new HubLink({ url: hubAddress.url, token, deskId: 'e2e-observer', retries: 0 });
    await expect.poll(async () => (await observer.health()).lastPull?.ok ?? false, { timeout: 60_000 }).toBe(true);
    for (const deskId of ['desk-a', 'desk-b'])
      desks.push(
        await startStationProcess({
          PACKBENCH_HUB_URL: hubAddress.url,
          PACKBENCH_HUB_TOKEN: token,
          PACKBENCH_STATION_ID: deskId,
        }),
      );
    const [deskA, deskB] = desks as [StationProcess, StationProcess];
    const { orderId, packageId } = await unleasedTikTokOrder(pool);
    const pageA = await browser.newPage();
    const pageB = await browser.newPage();
    await signIn(pageA, deskA);
    await signIn(pageB, deskB);
    await scan(pageA, orderId);
    await expect(pageA.getByTestId('pack-verdict')).toHaveAttribute('data-kind', 'order_opened');
    await scan(pageB, orderId);
    await expect(pageB.getByTestId('pack-verdict')).toHaveAttribute('data-kind', 'order_refused');

    // The hub dies mid-order: desk A goes on scanning the order it holds.
    await hub.kill('SIGKILL');
    const [first, ...rest] = unitCodes(deskA.dataDir, orderId);
    await expect(pageA.getByTestId('pack-screen')).toHaveAttribute('data-busy', 'false');
    await scan(pageA, first!);
    await expect(pageA.getByTestId('pack-verdict')).toHaveAttribute('data-kind', /match|line_done|print_sent/);

    // It comes back on another port behind the same address; desk A finishes, and the ship goes through it once.
    hub = startHubProcess(env);
    hubAddress.retarget(Number(new URL(await hub.ready).port));
    for (const code of rest) {
      await expect(pageA.getByTestId('pack-screen')).toHaveAttribute('data-busy', 'false');
      await scan(pageA, code);
    }
    await expect.poll(() => sandbox.shipCount(packageId), { timeout: 60_000 }).toBe(1);

    // Desk B carries on with the hub back: its next order opens.
    const next = await unleasedTikTokOrder(pool);
    await scan(pageB, next.orderId);
    await expect(pageB.getByTestId('pack-verdict')).toHaveAttribute('data-kind', 'order_opened');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sandbox.market.shipAttempts.get(packageId)).toBe(1);
  } finally {
    for (const desk of desks) await desk.stop();
    await hub.kill('SIGKILL');
    await hubAddress.close();
    await pool.end();
    await sandbox.close();
    await postgres.stop();
  }
});
