import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

interface SandboxState {
  orders: Record<string, number>;
}

interface ListedRow {
  index: number;
  id: string;
  packBy: number;
  carrier: string;
  service: string;
}

/** The rows of the list now in the page (the list renders only those in view and a few around them). */
async function renderedRows(page: Page): Promise<ListedRow[]> {
  return (await page.evaluate(`[...document.querySelectorAll('[data-testid="order-row"]')].map((row) => ({
    index: Number(row.getAttribute('aria-rowindex')) - 2,
    id: row.dataset.orderId,
    packBy: Number(row.dataset.packBy),
    carrier: row.children[2].textContent,
    service: row.children[3].textContent,
  }))`)) as ListedRow[];
}

/** Every row of the virtualised list, in list order, read by scrolling it from top to bottom a screenful at a time. */
async function allRows(page: Page): Promise<ListedRow[]> {
  const byIndex = new Map<number, ListedRow>();
  const total = Number((await page.getByTestId('orders-count').textContent())!.replace(/\D/g, ''));
  let top = 0;
  for (;;) {
    await page.evaluate(`document.querySelector('[data-testid="orders-scroll"]').scrollTop = ${top}`);
    const first = Math.floor(
      ((await page.evaluate(`document.querySelector('[data-testid="orders-scroll"]').scrollTop`)) as number) / 56,
    );
    await expect(page.locator(`[data-testid="order-row"][aria-rowindex="${first + 2}"]`)).toBeAttached();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    for (const row of await renderedRows(page)) byIndex.set(row.index, row);
    if (byIndex.size >= total) break;
    top = (first + 10) * 56;
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

test('a fresh station shows the sandbox paid orders by pack-by deadline, filters them, and pulls again on demand', async ({
  page,
  station,
  request,
}) => {
  await signIn(page, station);
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: 'Orders to pack' })).toBeVisible();
  await expect(page.getByTestId('pull-result')).toHaveAttribute('data-outcome', 'ok');

  const status = await (
    await request.post(`${station.url}api/call/marketplace.status`, { data: {}, headers: station.headers })
  ).json();
  expect(status.value.mode).toBe('sandbox');
  const sandboxUrl: string = status.value.baseUrl;
  const state = (await (await request.get(`${sandboxUrl}/sandbox/state`)).json()) as SandboxState;
  const paid = (state.orders.AWAITING_SHIPMENT ?? 0) + (state.orders.PARTIALLY_SHIPPING ?? 0);
  expect(paid).toBeGreaterThan(50);

  const rows = page.getByTestId('order-row');
  await expect(page.getByTestId('orders-count')).toHaveText(`${paid} orders`);
  // Only the rows in view are in the page, and scrolling through them shows every paid order by pack-by deadline.
  expect(await rows.count()).toBeLessThan(paid);
  const listed = await allRows(page);
  expect(listed.map((row) => row.index)).toEqual([...Array(paid).keys()]);
  expect(new Set(listed.map((row) => row.id)).size).toBe(paid);
  const packBys = listed.map((row) => row.packBy);
  expect(packBys).toEqual([...packBys].sort((a, b) => a - b));
  await page.evaluate(`document.querySelector('[data-testid="orders-scroll"]').scrollTop = 0`);
  await expect(page.locator('[data-deadline="overdue"]').first()).toBeVisible();
  await expect(rows.first()).toContainText('overdue');

  const column = (key: 'carrier' | 'service') => async () => [
    ...new Set((await renderedRows(page)).map((row) => row[key])),
  ];
  // Carriers the marketplace named (TikTok-shipped orders; seller-shipped ones name none until shipped).
  const carrier = (await page.getByLabel('Carrier').locator('option').nth(1).getAttribute('value'))!;
  expect(carrier).toBeTruthy();
  await page.getByLabel('Carrier').selectOption(carrier);
  await expect.poll(column('carrier')).toEqual([carrier]);
  await page.getByLabel('Carrier').selectOption('');
  await page.getByLabel('Service').selectOption('express');
  await expect.poll(column('service')).toEqual(['Express']);
  await page.getByLabel('Service').selectOption('');
  await expect(page.getByTestId('orders-count')).toHaveText(`${paid} orders`);

  // The buyer cancels the most urgent order and two new ones arrive; "Pull now" brings both changes in.
  const first = await rows.first().getAttribute('data-order-id');
  expect((await request.post(`${sandboxUrl}/sandbox/orders/${first}/cancel`, { data: {} })).ok()).toBe(true);
  expect((await request.post(`${sandboxUrl}/sandbox/orders`, { data: { count: 2 } })).ok()).toBe(true);
  await page.getByRole('button', { name: 'Pull now' }).click();
  await expect(page.getByTestId('pull-result')).toContainText('2 new');
  await expect(page.getByTestId('pull-result')).toContainText('1 cancelled');
  await expect(page.getByTestId('orders-count')).toHaveText(`${paid + 1} orders`);
  expect((await allRows(page)).map((row) => row.id)).not.toContain(first);
});

test('a shop whose authorisation cannot be renewed is shown as needing to be reconnected', async ({
  page,
  station,
  request,
}) => {
  const status = await (
    await request.post(`${station.url}api/call/marketplace.status`, { data: {}, headers: station.headers })
  ).json();
  await request.post(`${status.value.baseUrl}/sandbox/faults`, { data: { kind: 'expired_token', refreshable: false } });
  await signIn(page, station);
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: 'Pull now' }).click();
  await expect(page.getByTestId('marketplace-alert')).toContainText('must be reconnected');
  await expect(page.getByTestId('pull-result')).toHaveAttribute('data-outcome', 'failed');
});

test('a pull holding one unreadable order shows it in Orders with its id, field and reason, until it reads', async ({
  page,
  station,
  request,
}) => {
  await signIn(page, station);
  await page.keyboard.press('F2');
  await expect(page.getByTestId('pull-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('unreadable-orders')).toHaveCount(0);
  const status = await (
    await request.post(`${station.url}api/call/marketplace.status`, { data: {}, headers: station.headers })
  ).json();
  const sandboxUrl: string = status.value.baseUrl;
  const rowsBefore = Number((await page.getByTestId('orders-count').textContent())!.replace(/\D/g, ''));

  // The next answer holds one order in a status the station does not know: that order is listed, every other one read.
  const fault = {
    kind: 'bad_field',
    path: '/orders/search',
    field: 'data.orders.0.status',
    value: 'AWAITING_TELEPORT',
  };
  expect((await request.post(`${sandboxUrl}/sandbox/faults`, { data: fault })).ok()).toBe(true);
  expect((await request.post(`${sandboxUrl}/sandbox/orders`, { data: { count: 2 } })).ok()).toBe(true);
  await page.getByRole('button', { name: 'Pull now' }).click();
  await expect(page.getByTestId('pull-result')).toHaveAttribute('data-outcome', 'ok');
  const listed = page.getByTestId('unreadable-row');
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-field', 'status');
  const orderId = await listed.getAttribute('data-order-id');
  expect(orderId).toMatch(/^\d+$/);
  await expect(listed).toContainText(orderId!);
  await expect(listed).toContainText('AWAITING_TELEPORT');
  await expect(page.getByRole('heading', { name: 'Orders the station cannot read (1)' })).toBeVisible();
  await expect(page.getByTestId('orders-count')).toHaveText(`${rowsBefore + 2} orders`);

  // The next pull fetches it again by id; it reads now and leaves the list.
  await page.getByRole('button', { name: 'Pull now' }).click();
  await expect(page.getByTestId('unreadable-orders')).toHaveCount(0);
});

test('a revoked token asks a supervisor to reconnect the shop, and the orders already pulled stay packable', async ({
  page,
  station,
  request,
}) => {
  await signIn(page, station);
  await page.keyboard.press('F2');
  await expect(page.getByTestId('pull-result')).toHaveAttribute('data-outcome', 'ok');
  const status = await (
    await request.post(`${station.url}api/call/marketplace.status`, { data: {}, headers: station.headers })
  ).json();
  const sandboxUrl: string = status.value.baseUrl;
  expect((await request.post(`${sandboxUrl}/sandbox/tokens/revoke`, { data: {} })).ok()).toBe(true);
  await page.getByRole('button', { name: 'Pull now' }).click();
  await expect(page.getByTestId('marketplace-alert')).toContainText('must be reconnected');
  await expect(page.getByTestId('marketplace-alert')).toContainText('revoked');
  await expect(page.getByTestId('pull-result')).toHaveAttribute('data-outcome', 'failed');
  const after = await (
    await request.post(`${station.url}api/call/marketplace.status`, { data: {}, headers: station.headers })
  ).json();
  expect(after.value.connection.state).toBe('reconnect_required');
  expect(after.value.lastPull.errorCode).toBe('reconnect');
  // The orders already pulled stay packable.
  await expect(page.getByTestId('order-row').first()).toBeVisible();
});
