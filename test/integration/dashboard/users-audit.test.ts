import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

describe('users and the audit trail', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  let now = Date.parse('2026-03-10T08:00:00Z');
  beforeEach(async () => {
    station = await tempStation({ now: () => now });
  });
  afterEach(() => station.dispose());

  it('keeps every supervisor-only call from a packer and from a locked station', async () => {
    const supervisorOnly = Object.entries(calls)
      .filter(([, spec]) => spec.access === 'supervisor')
      .map(([name]) => name);
    expect(supervisorOnly).toEqual(
      expect.arrayContaining([
        'users.create',
        'users.update',
        'users.setPin',
        'audit.list',
        'audit.exportCsv',
        'lan.info',
      ]),
    );
    for (const name of supervisorOnly)
      expect(await station.callRaw('http', name, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    for (const name of supervisorOnly)
      expect(await station.callRaw('http', name, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets a supervisor add a packer, change their PIN and deactivate them, each audited without the PIN', async () => {
    const supervisor = await ok(station.call('http', 'session.login', { pin: '9999' }));
    const lee = await ok(station.call('http', 'users.create', { name: 'Lee', role: 'packer', pin: '2468' }));
    expect(lee).toMatchObject({ name: 'Lee', role: 'packer', active: true });
    expect(await station.call('http', 'users.create', { name: 'Other', role: 'packer', pin: '2468' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await station.call('http', 'users.create', { name: 'lee', role: 'packer', pin: '1357' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    await ok(station.call('http', 'users.setPin', { id: lee.id, pin: '1357' }));
    expect(await station.call('http', 'session.login', { pin: '2468' })).toMatchObject({ ok: false });
    expect(await ok(station.call('http', 'session.login', { pin: '1357' }))).toMatchObject({ name: 'Lee' });
    await ok(station.call('http', 'session.login', { pin: '9999' }));

    await ok(station.call('http', 'users.update', { id: lee.id, active: false }));
    expect(await station.call('http', 'session.login', { pin: '1357' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await ok(station.call('http', 'session.login', { pin: '9999' }));

    const log = await ok(station.call('http', 'audit.list', { action: 'users.' }));
    expect(log.rows.map((row) => row.action)).toEqual(['users.update', 'users.setPin', 'users.create']);
    expect(log.rows.every((row) => row.userId === supervisor.id && row.userName === 'Supervisor')).toBe(true);
    expect(log.rows[0]!.details).toEqual({ id: lee.id, active: { from: true, to: false } });
    expect(JSON.stringify(log.rows)).not.toContain('1357');
    expect(JSON.stringify(log.rows)).not.toContain('2468');
  });

  it('never leaves the station without an active supervisor, nor lets one deactivate themselves', async () => {
    const supervisor = await ok(station.call('http', 'session.login', { pin: '9999' }));
    expect(await station.call('http', 'users.update', { id: supervisor.id, role: 'packer' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await station.call('http', 'users.update', { id: supervisor.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const second = await ok(station.call('http', 'users.create', { name: 'Mei', role: 'supervisor', pin: '8642' }));
    await ok(station.call('http', 'users.update', { id: supervisor.id, role: 'packer' }));
    await ok(station.call('http', 'session.login', { pin: '8642' }));
    expect(await station.call('http', 'users.update', { id: second.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('filters the audit log by time, user, action family and order, pages back, and exports CSV safe for spreadsheets', async () => {
    const supervisor = await ok(station.call('http', 'session.login', { pin: '9999' }));
    const packer = station.services.users.list().find((u) => u.role === 'packer')!;
    for (let i = 0; i < 5; i += 1) {
      now += 60_000;
      station.services.audit({
        action: i % 2 ? 'pack.hold' : 'pack.scan',
        userId: packer.id,
        orderId: `o${i}`,
        details: { code: i === 4 ? '=HYPERLINK("x")' : `c${i}`, note: 'a, "b"\nc' },
      });
    }
    const start = Date.parse('2026-03-10T08:00:00Z');
    const scans = await ok(station.call('http', 'audit.list', { action: 'pack.scan', userId: packer.id }));
    expect(scans.rows.map((row) => row.orderId)).toEqual(['o4', 'o2', 'o0']);
    const family = await ok(
      station.call('http', 'audit.list', { action: 'pack.', from: start + 2 * 60_000, to: start + 4 * 60_000 }),
    );
    expect(family.rows.map((row) => row.orderId)).toEqual(['o2', 'o1']);
    const page1 = await ok(station.call('http', 'audit.list', { action: 'pack.', limit: 2 }));
    expect(page1.hasMore).toBe(true);
    const page2 = await ok(
      station.call('http', 'audit.list', { action: 'pack.', limit: 2, beforeId: page1.rows[1]!.id }),
    );
    expect(page2.rows.map((row) => row.orderId)).toEqual(['o2', 'o1']);
    expect((await ok(station.call('http', 'audit.list', { orderId: 'o3' }))).rows).toHaveLength(1);
    const facets = await ok(station.call('http', 'audit.facets', {}));
    expect(facets.actions).toEqual(expect.arrayContaining(['pack.hold', 'pack.scan', 'session.login']));

    const exported = await ok(station.call('http', 'audit.exportCsv', { action: 'pack.' }));
    expect(exported.rows).toBe(5);
    expect(exported.truncated).toBe(false);
    expect(exported.filename).toMatch(/^packbench-audit-.*\.csv$/);
    const lines = exported.csv.split('\r\n');
    expect(lines[0]).toBe('id,time_utc,station,user_id,user,action,order,details');
    expect(lines[1]).toContain(',2026-03-10T08:05:00.000Z,');
    expect(lines[1]).toContain(`,${packer.id},Packer,pack.scan,o4,`);
    // The details cell is JSON, quoted with doubled quotes; the formula inside stays text, the newline stays escaped.
    expect(lines[1]).toContain('"{""code"":""=HYPERLINK(\\""x\\"")"",""note"":""a, \\""b\\""\\nc""}"');
    expect(lines).toHaveLength(7);
    const exportRow = (await ok(station.call('http', 'audit.list', { action: 'audit.export' }))).rows[0]!;
    expect(exportRow).toMatchObject({ userId: supervisor.id, details: { rows: 5 } });
  });
});
