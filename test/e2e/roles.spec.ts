import { expect, PACKER_PIN, signIn, SUPERVISOR_PIN, test } from './fixtures';

test('a packer cannot reach supervisor-only actions, in the UI or by calling the station', async ({
  page,
  station,
  request,
}) => {
  await signIn(page, station, PACKER_PIN);
  await page.keyboard.press('F4');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Audit log' })).toHaveCount(0);

  await page.keyboard.press('F5');
  await expect(page.getByText('Only a supervisor can change settings.')).toBeVisible();
  await expect(page.getByLabel('station.id', { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save' }).first()).toBeDisabled();
  await expect(page.getByTestId('language-switch')).toBeDisabled();
  await expect(page.getByTestId('users-panel')).toHaveCount(0);
  await expect(page.getByTestId('lan-panel')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Audit log' })).toHaveCount(0);

  // The station refuses the calls themselves, whatever a page might send.
  for (const [name, input] of [
    ['users.create', { name: 'Mallory', role: 'supervisor', pin: '4242' }],
    ['users.list', {}],
    ['audit.list', {}],
    ['audit.exportCsv', {}],
    ['settings.update', { key: 'station.locale', value: 'zh-CN' }],
    ['lan.info', {}],
  ] as const) {
    const answer = await (
      await request.post(`${station.url}api/call/${name}`, { data: input, headers: station.headers })
    ).json();
    expect({ name, answer }).toMatchObject({ name, answer: { ok: false, error: { code: 'forbidden' } } });
  }
});

test('a supervisor adds a packer, who can then sign in, and finds it in the audit log and its CSV export', async ({
  page,
  station,
}) => {
  await signIn(page, station, SUPERVISOR_PIN);
  await page.keyboard.press('F5');
  const users = page.getByTestId('users-panel');
  await users.getByPlaceholder('Name').fill('Lee');
  await users.getByLabel('PIN', { exact: true }).fill('2468');
  await users.getByRole('button', { name: 'Add user' }).click();
  await expect(users.getByRole('status')).toHaveText('Added Lee');
  await expect(users.getByRole('rowheader', { name: 'Lee' })).toBeVisible();

  await page.keyboard.press('F4');
  await page.getByRole('button', { name: 'Audit log' }).click();
  const audit = page.getByTestId('audit-screen');
  await audit.getByLabel('Action').selectOption('users.');
  await audit.getByRole('button', { name: 'Apply filters' }).click();
  // The header, the two demo PINs replaced when the test station started, and Lee.
  await expect(audit.getByTestId('audit-table').getByRole('row')).toHaveCount(4);
  await expect(audit.getByTestId('audit-table')).toContainText('users.create');
  await expect(audit.getByTestId('audit-table')).toContainText('"name":"Lee"');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    audit.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^packbench-audit-.+\.csv$/);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text).toContain('id,time_utc,station,user_id,user,action,order,details');
  expect(text).toContain(',Supervisor,users.create,');
  expect(text).not.toContain('2468');
  await audit.getByRole('button', { name: 'Back' }).click();

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('PIN').fill('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-line')).toContainText('Signed in: Lee (packer)');
});

test('the station locks itself after the set minutes without activity', async ({ page, station }) => {
  await page.clock.install();
  await signIn(page, station, PACKER_PIN);
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('status-line')).toContainText('Signed in');
  // Any key counts as activity and restarts the five minutes.
  await page.keyboard.press('F2');
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('status-line')).toContainText('Signed in');
  await page.clock.fastForward('01:01');
  await expect(page.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
});
