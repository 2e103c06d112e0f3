import { callOk, expect, signIn, SUPERVISOR_PIN, test } from './fixtures';

interface Options {
  options: Array<{
    shopId: string;
    deliveryOptionId: string;
    deliveryOptionName: string | null;
    default: { provider: { id: string; name: string } } | null;
  }>;
}

test('a supervisor sets the default carrier of a delivery option from TikTok’s list, and it is kept after a reload', async ({
  page,
  station,
  request,
}) => {
  // The embedded sandbox's seeded orders reach the station with its first pull; their delivery options are listed.
  await expect
    .poll(async () => (await callOk<Options>(request, station, 'carriers.defaults.list', {})).options.length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  const { options } = await callOk<Options>(request, station, 'carriers.defaults.list', {});
  const option = options[0]!;
  const label = option.deliveryOptionName ?? option.deliveryOptionId;

  await signIn(page, station, SUPERVISOR_PIN);
  await page.keyboard.press('F5');
  const panel = page.getByTestId('carriers-panel');
  const row = panel.locator(`tr[data-option="${option.deliveryOptionId}"]`).first();
  await expect(row).toContainText('None: the packer is asked');
  await row.getByRole('button', { name: `Choose carrier: ${label}` }).click();
  const select = row.getByLabel(`Carrier for ${label}`);
  await expect(select).toBeVisible();
  // TikTok's own provider list for this option, as the sandbox serves it: the choices are exactly those.
  const providers = await select.locator('option').allTextContents();
  expect(providers.length).toBeGreaterThan(1);
  const chosen = (await select.locator('option').nth(1).getAttribute('value'))!;
  await select.selectOption(chosen);
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toContainText(`Default carrier for ${label}:`);
  const name = (await callOk<Options>(request, station, 'carriers.defaults.list', {})).options.find(
    (o) => o.deliveryOptionId === option.deliveryOptionId,
  )!.default!.provider;
  expect(name.id).toBe(chosen);
  await expect(row).toContainText(name.name);
  await expect(row).toContainText('set by Supervisor');

  await page.reload();
  await page.keyboard.press('F5');
  await expect(
    page.getByTestId('carriers-panel').locator(`tr[data-option="${option.deliveryOptionId}"]`).first(),
  ).toContainText(`${name.name} (set by Supervisor)`);
});
