import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startStationProcess, TEST_SCANNER_ENV } from '../support/station-process';
import { expect, PACKER_PIN, scan, signIn, SUPERVISOR_PIN, test } from './fixtures';

interface Unit {
  sku_id: string;
  seller_sku: string;
  product_name: string;
  code: string | null;
}

/** Reads the station's own database, as a supervisor's audit would, without going through the UI. */
function openDb(dataDir: string) {
  return new Database(join(dataDir, 'packbench.sqlite'), { readonly: true, fileMustExist: true });
}

/** Multi-line sandbox orders (at least two SKUs, one of them twice or more) with what each unit scans as. */
async function sandboxOrders(dataDir: string): Promise<Array<{ id: string; units: Unit[] }>> {
  await expect
    .poll(
      () => {
        const db = openDb(dataDir);
        try {
          return (
            db.prepare("SELECT count(*) AS n FROM orders WHERE status = 'AWAITING_SHIPMENT'").get() as { n: number }
          ).n;
        } finally {
          db.close();
        }
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  const db = openDb(dataDir);
  try {
    const ids = db
      .prepare(
        `SELECT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id
         WHERE o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued' AND o.shipping_type = 'TIKTOK'
         GROUP BY o.id HAVING count(DISTINCT l.sku_id) BETWEEN 2 AND 4 AND count(*) > count(DISTINCT l.sku_id) AND count(*) <= 8
         ORDER BY o.pack_by, o.id`,
      )
      .all() as Array<{ id: string }>;
    const units = db.prepare(
      `SELECT l.sku_id, l.seller_sku, l.product_name, (SELECT min(code) FROM sku_barcodes b WHERE b.sku_id = l.sku_id) AS code
       FROM order_lines l WHERE l.order_id = ? ORDER BY l.rowid`,
    );
    return ids.map(({ id }) => ({ id, units: units.all(id) as Unit[] }));
  } finally {
    db.close();
  }
}

const scanCode = (unit: Unit) => unit.code ?? unit.seller_sku;

/** The print jobs of an order, oldest first, as kind:state. */
function queryJobs(dataDir: string, orderId: string): string[] {
  const db = openDb(dataDir);
  try {
    return (
      db.prepare('SELECT kind, state FROM print_jobs WHERE order_id = ? ORDER BY id').all(orderId) as Array<{
        kind: string;
        state: string;
      }>
    ).map((job) => `${job.kind}:${job.state}`);
  } finally {
    db.close();
  }
}

function bySku(units: Unit[]): Map<string, Unit[]> {
  const groups = new Map<string, Unit[]>();
  for (const unit of units) groups.set(unit.sku_id, [...(groups.get(unit.sku_id) ?? []), unit]);
  return groups;
}

async function expectVerdict(page: Page, tone: string, text: string | RegExp) {
  const verdict = page.getByTestId('pack-verdict');
  await expect(verdict).toContainText(text);
  await expect(verdict).toHaveAttribute('data-tone', tone);
}

test('a packer verifies a real sandbox order by scanning, with wrong, over-scanned and unknown items, undo, hold, release, override and completion', async ({
  page,
  station,
  request,
}) => {
  const orders = await sandboxOrders(station.dataDir);
  expect(orders.length).toBeGreaterThanOrEqual(2);
  const [orderA, orderB] = orders as [{ id: string; units: Unit[] }, { id: string; units: Unit[] }];
  const linesA = [...bySku(orderA.units).values()].sort((a, b) => b.length - a.length);
  const multi = linesA[0]!;
  const inA = new Set(orderA.units.map((unit) => unit.sku_id));
  const db = openDb(station.dataDir);
  const wrong = db
    .prepare('SELECT code FROM sku_barcodes ORDER BY code')
    .all()
    .map((row) => (row as { code: string }).code);
  db.close();
  const wrongCode = wrong.find((code) => !orderA.units.some((unit) => unit.code === code) && !inA.has(code))!;

  await signIn(page, station);
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await expect(page.getByTestId(`queue-${orderA.id}`)).toBeVisible();
  // The queue: paid orders, earliest pack-by deadline first.
  const queueDb = openDb(station.dataDir);
  const earliest = (
    queueDb
      .prepare(
        "SELECT id FROM orders WHERE station_state IN ('queued', 'packing') AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') ORDER BY pack_by IS NULL, pack_by, paid_at, id LIMIT 3",
      )
      .all() as Array<{ id: string }>
  ).map((row) => `queue-${row.id}`);
  const buyerMessage = (
    queueDb.prepare('SELECT buyer_message FROM orders WHERE id = ?').get(orderA.id) as { buyer_message: string }
  ).buyer_message;
  queueDb.close();
  const queued = page.getByTestId('pack-queue').locator('[data-testid^="queue-"]');
  const shown = await Promise.all(earliest.map((_, i) => queued.nth(i).getAttribute('data-testid')));
  expect(shown).toEqual(earliest);

  // Open by scanning the order number, wherever the focus is.
  await scan(page, orderA.id);
  await expectVerdict(page, 'ok', `Order ${orderA.id}: scan the items`);
  if (buyerMessage.trim()) await expect(page.getByTestId('pack-buyer-message')).toContainText(buyerMessage.trim());
  const lineA = page.getByTestId(`pack-line-${multi[0]!.sku_id}`);
  await expect(lineA.getByTestId('pack-line-progress')).toContainText(`0 of ${multi.length}`);

  await scan(page, scanCode(multi[0]!));
  await expectVerdict(page, 'ok', `${multi[0]!.product_name}: 1 of ${multi.length}`);
  await expect(lineA.getByTestId('pack-line-progress')).toContainText(`1 of ${multi.length}`);

  await scan(page, wrongCode);
  await expectVerdict(page, 'wrong', `Wrong item: ${wrongCode} is not in this order`);
  await scan(page, 'ZZ-NOBODY-KNOWS-1');
  await expectVerdict(page, 'unknown', 'Unknown barcode: ZZ-NOBODY-KNOWS-1');

  await scan(page, 'PBCMD-UNDO');
  await expectVerdict(page, 'ok', `Undone: ${multi[0]!.product_name} now 0 of ${multi.length}`);
  await expect(lineA.getByTestId('pack-line-progress')).toContainText(`0 of ${multi.length}`);

  for (const unit of multi) await scan(page, scanCode(unit));
  await expect(lineA.getByTestId('pack-line-progress')).toContainText(`${multi.length} of ${multi.length}`);
  await scan(page, scanCode(multi[0]!));
  await expectVerdict(page, 'over', `Over-scan: ${multi[0]!.product_name} needs only ${multi.length}`);

  // Garbage is refused on the spot and changes nothing, typed or sent straight to the station. The over-scan above was
  // shown at once by the page; count what is stored only once the station has confirmed it.
  await expect(page.getByTestId('pack-screen')).toHaveAttribute('data-busy', 'false');
  const before = openDb(station.dataDir);
  const countScans = (handle: Database.Database) =>
    (handle.prepare('SELECT count(*) AS n FROM scan_events').get() as { n: number }).n;
  const scansBefore = countScans(before);
  const progressBefore = before.prepare("SELECT progress FROM pack_sessions WHERE state = 'open'").get();
  before.close();
  await scan(page, 'X'.repeat(400), 0);
  await expectVerdict(page, 'wrong', 'Not a barcode (too long): nothing changed');
  const manual = page.getByTestId('pack-manual-entry');
  await manual.fill('AB\u0001\u0002\u001bCD');
  await manual.press('Enter');
  await expectVerdict(page, 'wrong', 'Not a barcode (control characters or unreadable bytes)');
  const randomBytes = String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256));
  await manual.fill(randomBytes);
  await manual.press('Enter');
  await expect(page.getByTestId('pack-verdict')).toHaveAttribute('data-kind', 'rejected');
  for (const text of [randomBytes, 'Z'.repeat(100_000), '\u0000\u0007\u0008']) {
    const response = await request.post(`${station.url}api/call/pack.scan`, {
      data: { text, source: 'scanner' },
      headers: station.headers,
    });
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }
  const after = openDb(station.dataDir);
  expect(countScans(after)).toBe(scansBefore);
  expect(after.prepare("SELECT progress FROM pack_sessions WHERE state = 'open'").get()).toEqual(progressBefore);
  after.close();

  // Hold with a reason from the keyboard: the order leaves the queue and appears on the hold list.
  await scan(page, 'PBCMD-HOLD');
  await expect(page.getByRole('dialog')).toContainText(`Put order ${orderA.id} on hold`);
  await page.keyboard.press('1');
  await expectVerdict(page, 'ok', `Order ${orderA.id} on hold: damaged`);
  await expect(page.getByTestId(`queue-${orderA.id}`)).toHaveCount(0);
  await expect(page.getByTestId(`hold-${orderA.id}`)).toContainText('damaged');
  await scan(page, orderA.id);
  await expectVerdict(page, 'wrong', `Order ${orderA.id} cannot be packed: it is on hold (damaged)`);

  // A supervisor releases it with their PIN, entered at this desk.
  await page.getByTestId(`hold-${orderA.id}`).getByRole('button', { name: 'Release' }).click();
  await page.getByLabel('Note').fill('stock replaced');
  await page.getByLabel('Supervisor PIN').fill(PACKER_PIN);
  await page.getByLabel('Supervisor PIN').press('Enter');
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('not a supervisor');
  await page.getByLabel('Supervisor PIN').fill(SUPERVISOR_PIN);
  await page.getByLabel('Supervisor PIN').press('Enter');
  await expectVerdict(page, 'ok', `Order ${orderA.id} released by Supervisor`);
  await expect(page.getByTestId(`queue-${orderA.id}`)).toBeVisible();

  // Reopened, every unit scanned: complete.
  await scan(page, orderA.id);
  await expectVerdict(page, 'ok', `Order ${orderA.id}: scan the items`);
  for (const unit of orderA.units) await scan(page, scanCode(unit));
  await expectVerdict(page, 'complete', `Order ${orderA.id} complete`);
  await expect(page.getByTestId('pack-order')).toHaveAttribute('data-state', 'completed');
  // TikTok ships it: Ship Package went with the last item, and TikTok's label prints once TikTok accepted it.
  await expect(page.getByTestId('label-status')).toHaveAttribute('data-state', 'printed', { timeout: 20_000 });
  await scan(page, 'PBCMD-PRINT');
  await expectVerdict(page, 'ok', `Label requested for order ${orderA.id}`);
  await expect
    .poll(() => queryJobs(station.dataDir, orderA.id), { timeout: 20_000 })
    .toEqual(['label:done', 'reprint:done']);

  // Order B: an unknown code linked to a line by a supervisor, then an override completes the rest.
  await scan(page, orderB.id);
  await expectVerdict(page, 'ok', `Order ${orderB.id}: scan the items`);
  await scan(page, 'ALIAS-77-XYZ');
  await expectVerdict(page, 'unknown', 'Unknown barcode: ALIAS-77-XYZ');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog')).toContainText('Link ALIAS-77-XYZ');
  await page.getByLabel('Supervisor PIN').fill(SUPERVISOR_PIN);
  await page.getByLabel('Supervisor PIN').press('Enter');
  await expectVerdict(page, 'ok', /Code linked to .*: 1 of \d/);
  await page.keyboard.press('Control+o');
  await page.getByLabel('Reason').fill('buyer agreed to a partial parcel');
  await page.getByLabel('Supervisor PIN').fill(SUPERVISOR_PIN);
  await page.getByLabel('Supervisor PIN').press('Enter');
  await expectVerdict(page, 'complete', `Order ${orderB.id} completed by supervisor override (Supervisor)`);

  // What the database recorded.
  const record = openDb(station.dataDir);
  try {
    const packer = record.prepare("SELECT id FROM users WHERE name = 'Packer'").get() as { id: number };
    const supervisor = record.prepare("SELECT id FROM users WHERE name = 'Supervisor'").get() as { id: number };
    const verdicts = (
      record.prepare('SELECT verdict FROM scan_events WHERE order_id = ? ORDER BY id').all(orderA.id) as Array<{
        verdict: string;
      }>
    ).map((r) => r.verdict);
    expect(verdicts.slice(0, 6)).toEqual(['order_opened', 'match', 'wrong_item', 'unknown', 'undone', verdicts[5]]);
    expect(verdicts).toEqual(
      expect.arrayContaining(['over_scan', 'hold_reason_needed', 'held', 'order_refused', 'released', 'line_done']),
    );
    const rows = record
      .prepare('SELECT station_id, user_id, at FROM scan_events WHERE order_id = ?')
      .all(orderA.id) as Array<{ station_id: string; user_id: number; at: number }>;
    expect(rows.every((row) => row.station_id.length > 0 && row.user_id === packer.id && row.at > 0)).toBe(true);
    // Packed, and labelled already when the printing feature printed the label on pack.completed.
    const packed = record
      .prepare('SELECT station_state, packed_by, packed_at FROM orders WHERE id = ?')
      .get(orderA.id) as { station_state: string; packed_by: number; packed_at: number };
    expect(['packed', 'labelled']).toContain(packed.station_state);
    expect(packed).toMatchObject({ packed_by: packer.id, packed_at: expect.any(Number) });
    expect(
      record
        .prepare('SELECT reason, note, released_by, release_note FROM pack_holds WHERE order_id = ?')
        .get(orderA.id),
    ).toEqual({
      reason: 'damaged',
      note: '',
      released_by: supervisor.id,
      release_note: 'stock replaced',
    });
    expect(record.prepare('SELECT state FROM pack_sessions WHERE order_id = ? ORDER BY id').all(orderA.id)).toEqual([
      { state: 'held' },
      { state: 'completed' },
    ]);
    expect(
      record.prepare('SELECT supervisor_id, packer_id, reason FROM pack_overrides WHERE order_id = ?').get(orderB.id),
    ).toEqual({
      supervisor_id: supervisor.id,
      packer_id: packer.id,
      reason: 'buyer agreed to a partial parcel',
    });
    expect(record.prepare("SELECT source, created_by FROM sku_barcodes WHERE code = 'ALIAS-77-XYZ'").get()).toEqual({
      source: 'alias',
      created_by: supervisor.id,
    });
    expect(['packed', 'labelled']).toContain(
      (record.prepare('SELECT station_state FROM orders WHERE id = ?').get(orderB.id) as { station_state: string })
        .station_state,
    );
    const actions = (
      record.prepare("SELECT action FROM audit_log WHERE action LIKE 'pack.%' ORDER BY id").all() as Array<{
        action: string;
      }>
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'pack.printRequested',
        'pack.opened',
        'pack.held',
        'pack.supervisorRefused',
        'pack.released',
        'pack.completed',
        'pack.barcodeLinked',
        'pack.overridden',
      ]),
    );
  } finally {
    record.close();
  }
});

test('a restarted station resumes the order on the bench where it was', async ({ page, station }) => {
  const [order] = await sandboxOrders(station.dataDir);
  const first = order!.units[0]!;
  const progress = () => page.getByTestId(`pack-line-${first.sku_id}`).getByTestId('pack-line-progress');
  await signIn(page, station);
  await expect(page.getByTestId(`queue-${order!.id}`)).toBeVisible();
  await scan(page, order!.id);
  await expectVerdict(page, 'ok', `Order ${order!.id}: scan the items`);
  await scan(page, scanCode(first));
  await expectVerdict(page, 'ok', `1 of`);
  await expect(progress()).toContainText('1 of');
  await expect(page.getByTestId('pack-screen')).toHaveAttribute('data-busy', 'false');

  // The station process stops (a crash, a reboot) and starts again on the same data folder.
  const exited = new Promise((resolve) => station.child.once('exit', resolve));
  station.child.kill('SIGKILL');
  await exited;
  const again = await startStationProcess(TEST_SCANNER_ENV, station.dataDir);
  try {
    await signIn(page, again);
    await expect(page.getByTestId('pack-order')).toHaveAttribute('data-order-id', order!.id);
    await expect(progress()).toContainText('1 of');
    await scan(page, 'PBCMD-UNDO');
    await expect(progress()).toContainText('0 of');
  } finally {
    await again.stop();
  }
});

test('the command sheet prints every command as a Code 128 barcode', async ({ page, station }) => {
  await signIn(page, station);
  await page.getByRole('button', { name: 'Command sheet' }).click();
  const sheet = page.getByTestId('command-sheet');
  for (const code of ['PBCMD-UNDO', 'PBCMD-PRINT', 'PBCMD-NEXT', 'PBCMD-CANCEL', 'PBCMD-HOLD', 'PBCMD-HOLD-DAMAGED']) {
    await expect(sheet.getByLabel(code, { exact: true }).locator('rect').first()).toBeAttached();
  }
});

test("keys typed at a person's pace are not read as a scan, and the packer is told so", async ({ page, station }) => {
  await signIn(page, station);
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await scan(page, 'NOT-AN-ORDER-7');
  await expectVerdict(page, 'unknown', 'No order found for NOT-AN-ORDER-7');
  await scan(page, 'NOT-AN-ORDER-8', 400);
  await expectVerdict(page, 'wrong', 'Typed, not scanned: "NOT-AN-ORDER-8"');
  const db = openDb(station.dataDir);
  try {
    expect(db.prepare('SELECT code, verdict, source FROM scan_events').all()).toEqual([
      { code: 'NOT-AN-ORDER-7', verdict: 'order_not_found', source: 'scanner' },
    ]);
  } finally {
    db.close();
  }
});
