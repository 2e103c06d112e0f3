import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { tempStation } from '../../support/temp-station';

describe('contract dispatch', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => {
    station = await tempStation();
  });
  afterEach(() => station.dispose());

  it('has a handler for every call of the contract and nothing else', () => {
    expect(Object.keys(station.handlers).sort()).toEqual(Object.keys(calls).sort());
  });

  it('answers an unknown call with unknown_call', async () => {
    const result = await station.callRaw('http', 'orders.deleteEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('rejects input that does not match the schema and names the field', async () => {
    const result = await station.callRaw('http', 'session.login', { pin: 'abc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toContain('pin');
  });

  it('keeps supervisor calls from packers and from a locked station', async () => {
    const update = () => station.call('http', 'settings.update', { key: 'station.locale', value: 'zh-CN' });
    expect(await update()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await station.call('http', 'session.login', { pin: '1111' });
    expect(await update()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await station.call('http', 'session.login', { pin: '9999' });
    expect(await update()).toMatchObject({
      ok: true,
      value: { key: 'station.locale', value: 'zh-CN', source: 'saved' },
    });
  });

  it('lets the LAN view read but never write, whoever is signed in', async () => {
    await station.call('http', 'session.login', { pin: '9999' });
    expect(await station.call('lan', 'station.status', {})).toMatchObject({ ok: true });
    for (const [name, spec] of Object.entries(calls)) {
      if (spec.access === 'read') continue;
      expect(await station.callRaw('lan', name, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('records settings changes in the audit log with the user who made them', async () => {
    const supervisor = await station.call('http', 'session.login', { pin: '9999' });
    await station.call('http', 'settings.update', { key: 'station.locale', value: 'zh-CN' });
    const row = station.services.db
      .prepare("SELECT user_id, details FROM audit_log WHERE action = 'settings.update'")
      .get() as { user_id: number; details: string };
    expect(supervisor.ok && row.user_id === supervisor.value.id).toBe(true);
    expect(JSON.parse(row.details)).toEqual({ key: 'station.locale', value: 'zh-CN' });
  });
});
