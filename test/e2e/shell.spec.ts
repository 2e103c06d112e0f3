import { expect, PACKER_PIN, signIn, test } from './fixtures';

test('a fresh station shows the lock screen, then the app shell with its status from the database', async ({
  page,
  station,
}) => {
  await page.goto(station.url);
  await expect(page.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
  await expect(page.getByTestId('status-line')).toContainText('Marketplace: sandbox');

  await page.getByLabel('PIN').fill('0000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('does not match');

  await signIn(page, station, PACKER_PIN);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const name of ['Pack', 'Orders', 'Pickups', 'Dashboard', 'Settings'])
    await expect(nav.getByRole('button', { name })).toBeVisible();
  await expect(page.getByTestId('status-line')).toContainText('Signed in: Packer (packer)');
});

test('the page runs under the strict content security policy and refuses cross-origin calls', async ({
  page,
  station,
  request,
}) => {
  const response = await page.goto(station.url);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  const crossOrigin = await request.post(`${station.url}api/call/station.status`, {
    headers: { ...station.headers, origin: 'http://evil.example' },
    data: {},
  });
  expect(crossOrigin.status()).toBe(403);
});
