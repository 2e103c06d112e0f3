import { calls } from '../../shared/contract';
import { expect, signIn, SUPERVISOR_PIN, test } from './fixtures';

const TOKEN = 'wall-display-token-2026';

test('the LAN view is off by default: Settings says so and nothing but the station server listens', async ({
  page,
  station,
}) => {
  await signIn(page, station, SUPERVISOR_PIN);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('lan-panel')).toContainText('Off.');
  await expect(page.getByTestId('lan-url')).toHaveCount(0);
  expect(station.output()).not.toContain('LAN view');
  expect(station.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
});

test.describe('with the LAN view on', () => {
  test.use({
    stationEnv: {
      PACKBENCH_LAN: '1',
      PACKBENCH_LAN_HOST: '127.0.0.1',
      PACKBENCH_LAN_PORT: '0',
      PACKBENCH_LAN_TOKEN: TOKEN,
    },
  });

  test('it rejects requests without the token, every write with it, and shows the dashboard read-only', async ({
    page,
    station,
    request,
  }) => {
    // The supervisor finds the pairing link in Settings.
    await signIn(page, station, SUPERVISOR_PIN);
    await page.keyboard.press('F5');
    const link = page.getByTestId('lan-panel').getByTestId('lan-url');
    await expect(link).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/\?token=wall-display-token-2026$/);
    const pairing = (await link.textContent())!;
    const base = pairing.replace(/\?token=.*$/, '');
    expect(base).not.toBe(station.url);

    expect((await request.post(`${base}api/call/station.status`, { data: {} })).status()).toBe(401);
    expect((await request.get(`${base}api/events`)).status()).toBe(401);
    expect(
      (
        await request.post(`${base}api/call/station.status`, {
          data: {},
          headers: { authorization: 'Bearer not-the-token-at-all' },
        })
      ).status(),
    ).toBe(401);
    const unpaired = await request.get(base);
    expect(unpaired.status()).toBe(401);
    expect(await unpaired.text()).not.toContain('<script');

    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(
      await (await request.post(`${base}api/call/dashboard.buckets`, { data: {}, headers: auth })).json(),
    ).toMatchObject({ ok: true });
    const writes = Object.entries(calls).filter(([, spec]) => spec.access !== 'read');
    expect(writes.length).toBeGreaterThan(10);
    for (const [name] of writes) {
      const answer = await (
        await request.post(`${base}api/call/${name}`, {
          data: { pin: SUPERVISOR_PIN, key: 'lan.enabled', value: false },
          headers: auth,
        })
      ).json();
      expect({ name, answer }).toMatchObject({ name, answer: { ok: false, error: { code: 'forbidden' } } });
    }

    // A wall display opens the link: the dashboard alone, read-only, without sign-in or screen list.
    const wall = await page.context().newPage();
    await wall.goto(pairing);
    await expect(wall).toHaveURL(base);
    await expect(wall.getByTestId('dashboard')).toBeVisible();
    await expect(wall.getByText('Read-only view')).toBeVisible();
    await expect(wall.getByTestId('bucket-packBy-overdue')).toBeVisible();
    await expect(wall.getByRole('navigation')).toHaveCount(0);
    await expect(wall.getByRole('button', { name: 'Audit log' })).toHaveCount(0);
    await expect(wall.getByRole('heading', { name: 'Packbench is locked' })).toHaveCount(0);

    // Buyers' data stays at the desk: the station's data folder is not shown, and opening a count's orders is refused
    // until a supervisor turns lan.details on.
    const status = await (await request.post(`${base}api/call/station.status`, { data: {}, headers: auth })).json();
    expect(status).toMatchObject({ ok: true, value: { dataDir: '' } });
    await wall.getByTestId('bucket-packBy-overdue').click();
    await expect(wall.getByRole('dialog').getByRole('alert')).toContainText(
      'Order details and photos are off for the LAN view',
    );
  });
});
