import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { startStationServer } from '../../../electron/core/server/http-server';
import { startLanView } from '../../../electron/core/server/lan-server';
import { tempStation } from '../../support/temp-station';

const TOKEN = 'lan-test-token-0123456789';

async function lanStation(env: Record<string, string>) {
  const station = await tempStation({ env: { PACKBENCH_LAN_HOST: '127.0.0.1', PACKBENCH_LAN_PORT: '0', ...env } });
  const staticDir = mkdtempSync(join(tmpdir(), 'packbench-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Packbench</title>');
  const local = await startStationServer({ station, port: 0, staticDir });
  startLanView(station, staticDir);
  const listening = await new Promise<boolean>((resolve) => {
    if (!env.PACKBENCH_LAN) return resolve(false);
    const off = station.services.bus.subscribe((event) => {
      if (event.name === 'lan.changed') {
        off();
        resolve(event.payload.listening);
      }
    });
  });
  const lanUrl = station.services.lan.listening ? `http://127.0.0.1:${station.services.lan.listening.port}/` : null;
  return {
    station,
    local,
    listening,
    lanUrl,
    async dispose() {
      await local.close();
      await station.dispose();
    },
  };
}

describe('the read-only LAN view', () => {
  let subject: Awaited<ReturnType<typeof lanStation>> | null = null;
  afterEach(async () => {
    await subject?.dispose();
    subject = null;
  });

  const post = (url: string, name: string, headers: Record<string, string> = {}, body: unknown = {}) =>
    fetch(`${url}api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('is off by default: nothing listens besides the station server on localhost', async () => {
    subject = await lanStation({});
    expect(subject.listening).toBe(false);
    expect(subject.station.services.lan.listening).toBeNull();
    expect(subject.local.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('rejects every request without the token, serves reads with it, and refuses every write even then', async () => {
    subject = await lanStation({ PACKBENCH_LAN: '1', PACKBENCH_LAN_TOKEN: TOKEN });
    expect(subject.listening).toBe(true);
    const url = subject.lanUrl!;
    expect((await post(url, 'station.status')).status).toBe(401);
    expect((await post(url, 'station.status', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await fetch(`${url}api/events`)).status).toBe(401);
    const page = await fetch(url);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('LAN view');

    const auth = { authorization: `Bearer ${TOKEN}` };
    const status = await post(url, 'station.status', auth);
    expect(await status.json()).toMatchObject({ ok: true });
    expect(await (await post(url, 'dashboard.viewer', auth)).json()).toEqual({ ok: true, value: { readOnly: true } });
    // Even with a supervisor signed in at the desk, nothing but reads passes.
    await subject.station.call('http', 'session.login', { pin: '9999' });
    for (const [name, spec] of Object.entries(calls)) {
      if (spec.access === 'read') continue;
      const answer = (await (
        await post(url, name, auth, { pin: '9999', key: 'lan.enabled', value: false })
      ).json()) as { ok: boolean; error?: { code: string } };
      expect({ name, answer }).toMatchObject({ name, answer: { ok: false, error: { code: 'forbidden' } } });
    }
    // The desk's own server is unaffected.
    expect(
      await (await post(subject.local.url, 'dashboard.viewer', { 'x-packbench-secret': subject.local.secret })).json(),
    ).toEqual({ ok: true, value: { readOnly: false } });
  });

  it('pairs a browser from the link: the token moves into a strict cookie and out of the address', async () => {
    subject = await lanStation({ PACKBENCH_LAN: '1', PACKBENCH_LAN_TOKEN: TOKEN });
    const url = subject.lanUrl!;
    const paired = await fetch(`${url}?token=${TOKEN}`, { redirect: 'manual' });
    expect(paired.status).toBe(303);
    expect(paired.headers.get('location')).toBe('/');
    const cookie = paired.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await fetch(url, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Packbench</title>');
  });

  it('generates a token when enabled without one, shows the pairing link to a supervisor, and a new token unpairs', async () => {
    subject = await lanStation({ PACKBENCH_LAN: '1' });
    const { station } = subject;
    await station.call('http', 'session.login', { pin: '9999' });
    const info = await station.call('http', 'lan.info', {});
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value).toMatchObject({ enabled: true, listening: true, error: null });
    const token = station.services.settings.string('lan.token');
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(info.value.urls).toEqual([`http://127.0.0.1:${station.services.lan.listening!.port}/?token=${token}`]);
    expect(station.services.settings.list().find((entry) => entry.key === 'lan.token')?.value).not.toBe(token);

    const restarted = new Promise<void>((resolve) => {
      const off = station.services.bus.subscribe((event) => {
        if (event.name === 'lan.changed' && event.payload.listening) {
          off();
          resolve();
        }
      });
    });
    const rotated = await station.call('http', 'lan.rotateToken', {});
    expect(rotated.ok).toBe(true);
    await restarted;
    const lanUrl = `http://127.0.0.1:${station.services.lan.listening!.port}/`;
    expect((await post(lanUrl, 'station.status', { authorization: `Bearer ${token}` })).status).toBe(401);
    const fresh = station.services.settings.string('lan.token');
    expect((await post(lanUrl, 'station.status', { authorization: `Bearer ${fresh}` })).status).toBe(200);
    expect((await station.call('http', 'audit.list', { action: 'lan.rotateToken' })).ok).toBe(true);
  });
});
