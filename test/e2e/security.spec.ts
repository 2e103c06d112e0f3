import { startStationProcess, type StationProcess } from '../support/station-process';
import { expect, test } from './fixtures';

test.describe('a fresh station with the demo PINs', () => {
  let fresh: StationProcess;
  test.beforeEach(async () => {
    fresh = await startStationProcess({ PACKBENCH_SANDBOX_ORDERS: '0' }, undefined, { keepDemoPins: true });
  });
  test.afterEach(() => fresh.stop());

  test('makes the first supervisor to sign in replace both demo PINs before anything else', async ({ page }) => {
    await page.goto(fresh.url);
    // A packer signing in with 1111 is not asked: only a supervisor can change PINs.
    await page.getByLabel('PIN').fill('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in: Packer (packer)');
    await page.getByRole('button', { name: 'Lock' }).click();

    await page.getByLabel('PIN').fill('9999');
    await page.keyboard.press('Enter');
    const form = page.getByTestId('demo-pins');
    await expect(form.getByRole('heading', { name: 'Replace the demo PINs' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
    // A PIN another user has, or a demo PIN, is refused without saying whose it is.
    await form.getByLabel('New PIN for Packer').fill('9999');
    await form.getByLabel('New PIN for Supervisor').fill('4826');
    await form.getByRole('button', { name: 'Save the new PINs' }).click();
    await expect(form.getByRole('alert')).toHaveText('This PIN cannot be used: choose another.');
    await form.getByLabel('New PIN for Packer').fill('7315');
    await form.getByRole('button', { name: 'Save the new PINs' }).click();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('PIN').fill('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('does not match');
    await page.getByLabel('PIN').fill('7315');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in: Packer (packer)');
  });
});

test('after five wrong PINs the lock screen counts down the wait, and the station refuses even the right PIN meanwhile', async ({ page, station }) => {
  await page.goto(station.url);
  for (const pin of ['0001', '0002', '0003', '0004']) {
    await page.getByLabel('PIN').fill(pin);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('does not match');
    await expect(page.getByLabel('PIN')).toHaveValue('');
  }
  await page.getByLabel('PIN').fill('0005');
  await page.keyboard.press('Enter');
  const wait = page.getByTestId('pin-wait');
  await expect(wait).toHaveText(/^Too many wrong PINs: try again in (30|29) s\.$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await expect(wait).toHaveText(/try again in 2[0-8] s/, { timeout: 5_000 });
  // A reload still shows the wait: it comes from the station, not from this page.
  await page.reload();
  await expect(page.getByTestId('pin-wait')).toHaveText(/try again in 2\d s/);
});
