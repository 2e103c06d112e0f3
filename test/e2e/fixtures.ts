import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { startStationProcess, TEST_PINS, type StationProcess } from '../support/station-process';

export const PACKER_PIN = TEST_PINS.packer;
export const SUPERVISOR_PIN = TEST_PINS.supervisor;

/** Each test gets its own station process, data folder and (embedded) sandbox marketplace. */
export const test = base.extend<{ station: StationProcess; stationEnv: Record<string, string> }>({
  stationEnv: [{}, { option: true }],
  station: async ({ stationEnv }, use) => {
    const station = await startStationProcess(stationEnv);
    await use(station);
    await station.stop();
  },
});

/** Opens the UI and signs in the way a packer does: PIN typed on the lock screen, then Enter. */
export async function signIn(page: Page, station: StationProcess, pin: string = PACKER_PIN): Promise<void> {
  await page.goto(station.url);
  await page.getByLabel('PIN').fill(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-line')).toContainText('Signed in');
}

/** Types a code the way a keyboard-wedge scanner does: fast keystrokes, then Enter, wherever the focus is. */
export async function scan(page: Page, code: string, delayMs = 4): Promise<void> {
  await page.keyboard.type(code, { delay: delayMs });
  await page.keyboard.press('Enter');
}

/** Makes one contract call over HTTP, as the UI does, and fails the test with the station's message unless it succeeds. */
export async function callOk<T = unknown>(
  request: APIRequestContext,
  station: StationProcess,
  name: string,
  data: unknown,
): Promise<T> {
  const answer = (await (
    await request.post(`${station.url}api/call/${name}`, { data, headers: station.headers })
  ).json()) as { ok: boolean; value?: T; error?: { message: string } };
  expect(answer.ok, `${name}: ${answer.error?.message}`).toBe(true);
  return answer.value as T;
}

export { expect };
