import { afterEach, describe, expect, it } from 'vitest';
import { tempStation } from '../../support/temp-station';

describe('settings', () => {
  let station: Awaited<ReturnType<typeof tempStation>> | undefined;
  afterEach(() => station?.dispose());

  it('lets an environment variable win over a saved value and says so', async () => {
    station = await tempStation({ env: { PACKBENCH_STATION_ID: 'desk-7' } });
    const entry = station.services.settings.list().find((s) => s.key === 'station.id');
    expect(entry).toMatchObject({ value: 'desk-7', source: 'env', env: 'PACKBENCH_STATION_ID' });
  });

  it('never sends a secret to the UI', async () => {
    station = await tempStation({ env: { PACKBENCH_APP_SECRET: 'super-secret-value' } });
    const listed = JSON.stringify(await station.call('http', 'settings.list', {}));
    expect(listed).not.toContain('super-secret-value');
  });

  it('validates a value before saving it', async () => {
    station = await tempStation();
    await station.call('http', 'session.login', { pin: '9999' });
    const result = await station.call('http', 'settings.update', { key: 'station.locale', value: 'fr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(station.services.settings.get('station.locale')).toBe('en');
  });
});
