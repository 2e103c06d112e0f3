import { afterEach, describe, expect, it, vi } from 'vitest';
import { Settings, type SecretCipher } from '../../../electron/core/config/settings';
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

  it('offers the values of an enumerated setting to choose from, and none for a free one', async () => {
    station = await tempStation();
    const entries = station.services.settings.list();
    expect(entries.find((s) => s.key === 'printing.packingSlip')).toMatchObject({
      value: 'off',
      choices: ['off', 'every', 'gift'],
    });
    expect(entries.find((s) => s.key === 'station.id')?.choices).toBeUndefined();
  });

  it('validates a value before saving it', async () => {
    station = await tempStation();
    await station.call('http', 'session.login', { pin: '9999' });
    const result = await station.call('http', 'settings.update', { key: 'station.locale', value: 'fr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(station.services.settings.get('station.locale')).toBe('en');
  });

  it('seals secrets at rest with the keychain cipher, and reads them back through it', async () => {
    // A reversible stand-in for the OS keychain: what matters is that the database holds only what it returns.
    const keychain: SecretCipher = {
      seal: (plain) => `k1:${Buffer.from(plain).toString('base64').split('').reverse().join('')}`,
      open: (sealed) => Buffer.from(sealed.slice(3).split('').reverse().join(''), 'base64').toString(),
    };
    station = await tempStation({ secretCipher: keychain });
    await station.call('http', 'session.login', { pin: '9999' });
    expect(
      await station.call('http', 'settings.update', { key: 'marketplace.appSecret', value: 'app-secret-42' }),
    ).toMatchObject({ ok: true });
    expect(await station.call('http', 'settings.update', { key: 'marketplace.appKey', value: 'key-7' })).toMatchObject({
      ok: true,
    });
    const rows = JSON.stringify(station.services.db.prepare('SELECT key, value FROM settings').all());
    expect(rows).not.toContain('app-secret-42');
    expect(rows).toContain('key-7');
    expect(station.services.settings.get('marketplace.appSecret')).toBe('app-secret-42');

    // The same database read without the keychain (the browser fallback) treats the secret as unset, and says so.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const noKeychain = new Settings(station.services.db, {});
    expect(noKeychain.get('marketplace.appSecret')).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('keychain'));
    warn.mockRestore();
  });
});
