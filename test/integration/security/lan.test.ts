import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { startLanView } from '../../../electron/core/server/lan-server';
import { tempStation } from '../../support/temp-station';

const TOKEN = 'lan-security-token-0123456789';

function lanRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: body === undefined ? 'GET' : 'POST',
        path,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (res.headers['content-type']?.startsWith('text/event-stream') && text.includes('data:')) {
            res.destroy();
            resolve({ status: res.statusCode!, body: text });
          }
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the LAN view shows aggregates, and buyer data only when a supervisor allows it', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  let port: number;
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const call = async (name: string, input: unknown = {}, headers: Record<string, string> = auth) =>
    JSON.parse((await lanRequest(port, `/api/call/${name}`, headers, JSON.stringify(input))).body) as {
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    };
  const lanAudit = () =>
    station.services.db
      .prepare("SELECT action, details FROM audit_log WHERE action LIKE 'lan.%' ORDER BY id")
      .all() as Array<{ action: string; details: string }>;

  beforeAll(async () => {
    station = await tempStation({
      env: { PACKBENCH_LAN: '1', PACKBENCH_LAN_HOST: '127.0.0.1', PACKBENCH_LAN_PORT: '0', PACKBENCH_LAN_TOKEN: TOKEN },
    });
    const staticDir = mkdtempSync(join(tmpdir(), 'packbench-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>Packbench</title></head></html>');
    const started = new Promise<void>((resolve) => {
      const off = station.services.bus.subscribe((event) => {
        if (event.name === 'lan.changed' && event.payload.listening) {
          off();
          resolve();
        }
      });
    });
    startLanView(station, staticDir);
    await started;
    port = station.services.lan.listening!.port;
  });
  afterAll(() => station.dispose());

  it('serves the dashboard aggregates to a paired device, without the data folder or the configuration', async () => {
    for (const name of ['dashboard.viewer', 'dashboard.buckets', 'dashboard.throughput', 'dashboard.health'])
      expect({ name, ok: (await call(name)).ok }).toEqual({ name, ok: true });
    const status = await call('station.status');
    expect(status).toMatchObject({ ok: true, value: { dataDir: '' } });
    const settings = (await call('settings.list')).value as Array<{ key: string }>;
    expect(settings.map((entry) => entry.key).sort()).toEqual([
      'dashboard.atRiskHours',
      'station.locale',
      'station.timeZone',
    ]);
  });

  it('refuses order details and photos until a supervisor turns lan.details on, then audits each read', async () => {
    for (const name of ['orders.get', 'photos.get', 'photos.list', 'dashboard.orders']) {
      expect({
        name,
        answer: await call(name, { id: 1, filter: { kind: 'bucket', deadline: 'packBy', bucket: 'overdue' } }),
      }).toMatchObject({ name, answer: { ok: false, error: { code: 'forbidden' } } });
    }
    // Every read that is not marked for the LAN stays away from it, details on or not.
    for (const [name, spec] of Object.entries(calls)) {
      if (spec.lan) continue;
      expect({ name, answer: await call(name) }).toMatchObject({
        name,
        answer: { ok: false, error: { code: 'forbidden' } },
      });
    }
    expect(lanAudit().filter((row) => row.action === 'lan.read')).toEqual([]);
    station.services.settings.set('lan.details', true);
    const drill = await call('dashboard.orders', { filter: { kind: 'bucket', deadline: 'packBy', bucket: 'overdue' } });
    expect(drill).toMatchObject({ ok: true });
    const reads = lanAudit().filter((row) => row.action === 'lan.read');
    expect(reads).toHaveLength(1);
    expect(JSON.parse(reads[0]!.details)).toEqual({ call: 'dashboard.orders', from: '127.0.0.1' });
    station.services.settings.set('lan.details', false);
  });

  it('refuses every write with the token, even with a supervisor signed in at the desk', async () => {
    await station.call('http', 'session.login', { pin: '9999' });
    for (const [name, spec] of Object.entries(calls)) {
      if (spec.access === 'read') continue;
      expect({ name, answer: await call(name, { pin: '9999', key: 'lan.details', value: true }) }).toMatchObject({
        name,
        answer: { ok: false, error: { code: 'forbidden' } },
      });
    }
    expect(station.services.settings.get('lan.details')).toBe(false);
    await station.call('http', 'session.lock', {});
  });

  it('streams only event names to the LAN, never their data', async () => {
    const streamed = lanRequest(port, '/api/events', { authorization: `Bearer ${TOKEN}` });
    await new Promise((resolve) => setTimeout(resolve, 100));
    station.services.bus.emit('settings.changed', { key: 'seller.name' });
    const { status, body } = await streamed;
    expect(status).toBe(200);
    expect(body).toContain('"name":"settings.changed","payload":null');
    expect(body).not.toContain('seller.name');
    expect(
      lanAudit()
        .filter((row) => row.action === 'lan.viewed')
        .map((row) => JSON.parse(row.details)),
    ).toEqual([{ from: '127.0.0.1' }]);
  });

  it('refuses a rebinding Host and a foreign Origin on the LAN listener too, token or not', async () => {
    expect(
      (await lanRequest(port, '/api/call/dashboard.buckets', { ...auth, host: `evil.example:${port}` }, '{}')).status,
    ).toBe(403);
    expect(
      (await lanRequest(port, '/api/call/dashboard.buckets', { ...auth, origin: 'http://evil.example' }, '{}')).status,
    ).toBe(403);
  });

  it('keeps the pairing token in an HttpOnly strict cookie and audits each pairing', async () => {
    const before = lanAudit().filter((row) => row.action === 'lan.paired').length;
    const paired = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/?token=${TOKEN}`, headers: { host: `127.0.0.1:${port}` } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode!, cookie: String(res.headers['set-cookie']) });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(paired.status).toBe(303);
    expect(paired.cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(lanAudit().filter((row) => row.action === 'lan.paired')).toHaveLength(before + 1);
  });
});
