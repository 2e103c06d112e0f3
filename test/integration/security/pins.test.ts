import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/core/auth/pin';
import { tempStation } from '../../support/temp-station';

describe('PIN guessing', () => {
  let now = Date.UTC(2026, 0, 5, 9);
  let station: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => {
    now = Date.UTC(2026, 0, 5, 9);
    station = await tempStation({ now: () => now });
  });
  afterEach(() => station.dispose());

  const login = (pin: string) => station.call('http', 'session.login', { pin });
  const audit = (action: string) =>
    station.services.db
      .prepare('SELECT station_id, at, details FROM audit_log WHERE action = ? ORDER BY id')
      .all(action) as Array<{ station_id: string; at: number; details: string }>;

  it('after five wrong PINs makes the desk wait 30 s, refuses even the right PIN meanwhile, and audits every failure', async () => {
    for (let i = 0; i < 4; i++)
      expect(await login(`12${30 + i}`)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'That PIN does not match any user.', details: { reason: 'pin_wrong' } },
      });
    expect(await login('1240')).toMatchObject({
      ok: false,
      error: {
        message: 'Wrong PIN. Too many wrong PINs at this desk: try again in 30 s.',
        details: { reason: 'pin_throttled', retryAfterMs: 30_000 },
      },
    });
    const status = await station.call('http', 'station.status', {});
    expect(status).toMatchObject({ ok: true, value: { pinRetryAt: now + 30_000 } });
    now += 29_000;
    expect(await login('9999')).toMatchObject({
      ok: false,
      error: { message: 'Too many wrong PINs at this desk: try again in 1 s.' },
    });
    expect(station.services.session.user).toBeNull();
    now += 1_000;
    expect(await login('1250')).toMatchObject({ ok: false, error: { details: { retryAfterMs: 60_000 } } });
    now += 60_000;
    expect(await login('9999')).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    // The right PIN starts the count over.
    expect(await login('1260')).toMatchObject({ ok: false, error: { message: 'That PIN does not match any user.' } });

    const failed = audit('pin.failed');
    expect(failed).toHaveLength(7);
    expect(
      failed.every((row) => row.station_id === station.services.stationId && row.at >= Date.UTC(2026, 0, 5, 9)),
    ).toBe(true);
    expect(JSON.parse(failed[4]!.details)).toEqual({ purpose: 'session.login', failures: 5, waitMs: 30_000 });
    expect(audit('pin.refused').map((row) => JSON.parse(row.details))).toEqual([
      { purpose: 'session.login', retryAfterMs: 1_000 },
    ]);
    expect(JSON.stringify(station.services.db.prepare('SELECT * FROM audit_log').all())).not.toMatch(/12[3-6]\d/);
  });

  it('300 guesses in a row cannot be made: after five, all are refused unchecked, the right one (1111) too', async () => {
    let checked = 0;
    for (let pin = 1000; pin < 1300; pin++) {
      const answer = await login(String(pin));
      if (!answer.ok && !answer.error.message.startsWith('Too many')) checked++;
    }
    expect(checked).toBe(5);
    expect(station.services.session.user).toBeNull();
  });

  it('counts a wrong supervisor PIN inside a pack call on the same throttle as signing in', async () => {
    await login('1111');
    for (let i = 0; i < 5; i++) {
      const answer = await station.call('http', 'pack.releaseHold', {
        pin: i === 0 ? '1111' : `55${10 + i}`,
        orderId: 'x',
        note: 'n',
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await login('9999')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Too many wrong PINs/) },
    });
    expect(audit('pin.failed').map((row) => JSON.parse(row.details).purpose)).toEqual(
      Array(5).fill('pack.releaseHold'),
    );
  });

  it('never tells whoever chooses a PIN that another user has it, nor lets anyone choose a demo PIN', async () => {
    await login('9999');
    const lee = await station.call('http', 'users.create', { name: 'Lee', role: 'packer', pin: '2468' });
    expect(lee.ok).toBe(true);
    for (const pin of ['2468', '1111', '9999']) {
      const answer = await station.call('http', 'users.create', { name: `Other ${pin}`, role: 'packer', pin });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: 'This PIN cannot be used: choose another.' },
      });
    }
    const [packer] = station.services.users.list().filter((user) => user.name === 'Packer');
    expect(await station.call('http', 'users.setPin', { id: packer!.id, pin: '2468' })).toMatchObject({
      ok: false,
      error: { message: 'This PIN cannot be used: choose another.' },
    });
  });

  it('asks the first supervisor to sign in to replace the demo PINs, until both are replaced', async () => {
    await login('1111');
    expect(await station.call('http', 'station.status', {})).toMatchObject({ ok: true, value: { demoPinUsers: [] } });
    await login('9999');
    const names = async () => {
      const status = await station.call('http', 'station.status', {});
      return status.ok ? status.value.demoPinUsers.map((user) => user.name).sort() : null;
    };
    expect(await names()).toEqual(['Packer', 'Supervisor']);
    const users = station.services.users.list();
    await station.call('http', 'users.setPin', {
      id: users.find((user) => user.role === 'supervisor')!.id,
      pin: '86420',
    });
    expect(await names()).toEqual(['Packer']);
    await station.call('http', 'users.setPin', { id: users.find((user) => user.role === 'packer')!.id, pin: '13579' });
    expect(await station.call('http', 'station.status', {})).toMatchObject({ ok: true, value: { demoPinUsers: [] } });
    expect(await login('9999')).toMatchObject({ ok: false });
    expect(await login('86420')).toMatchObject({ ok: true, value: { role: 'supervisor' } });
  });

  it('on a station from before the lookup column, still asks for every demo PIN to be replaced', async () => {
    const { dataDir, services } = station;
    services.db.prepare('UPDATE users SET pin_lookup = NULL').run();
    await station.close();
    const again = await tempStation({ dataDir, now: () => now });
    try {
      await again.call('http', 'session.login', { pin: '9999' });
      const status = await again.call('http', 'station.status', {});
      expect(status.ok && status.value.demoPinUsers.map((user) => user.name).sort()).toEqual(['Packer', 'Supervisor']);
    } finally {
      await again.close();
    }
  });

  it('finds a user from before the lookup column by their PIN once, then by lookup', async () => {
    const { db } = station.services;
    db.prepare("INSERT INTO users (name, role, pin_hash, created_at) VALUES ('Old', 'packer', ?, 0)").run(
      await hashPin('4321'),
    );
    expect(await login('4321')).toMatchObject({ ok: true, value: { name: 'Old' } });
    expect(
      (db.prepare("SELECT pin_lookup FROM users WHERE name = 'Old'").get() as { pin_lookup: string | null }).pin_lookup,
    ).toMatch(/^[0-9a-f]{64}$/);
  });
});
