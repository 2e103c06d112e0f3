import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { startStationServer, type StationServer } from '../../../electron/core/server/http-server';
import { tempStation } from '../../support/temp-station';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so a test can send any Host, Origin or byte count a browser or attacker could. */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
  firstChunkOnly = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (firstChunkOnly) {
            resolve({ status: res.statusCode!, headers: res.headers, body: text });
            res.destroy();
          }
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = (answer: Answer) =>
  JSON.parse(answer.body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };

describe('the station server refuses every page but its own', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  let server: StationServer;
  let secret: Record<string, string>;
  const call = (name: string, headers: Record<string, string>, body: unknown = {}) =>
    raw(
      server.port,
      'POST',
      `/api/call/${name}`,
      { 'content-type': 'application/json', ...headers },
      JSON.stringify(body),
    );

  beforeAll(async () => {
    station = await tempStation();
    const staticDir = mkdtempSync(join(tmpdir(), 'packbench-static-'));
    writeFileSync(
      join(staticDir, 'index.html'),
      '<!doctype html><html><head><title>Packbench</title></head><body></body></html>',
    );
    server = await startStationServer({ station, port: 0, staticDir, maxBodyBytes: 10_000 });
    secret = { 'x-packbench-secret': server.secret };
  });
  afterAll(async () => {
    await server.close();
    await station.dispose();
  });

  it("gives the station's own page the launch secret, in a meta tag and a strict HttpOnly cookie", async () => {
    const page = await raw(server.port, 'GET', '/', {});
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="packbench-secret" content="${server.secret}">`);
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain(`packbench_secret_${server.port}=${server.secret}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(server.secret).toMatch(/^[\w-]{40,}$/);
  });

  it('answers its own page: Host 127.0.0.1 or localhost with the port, the same Origin, the secret', async () => {
    expect(json(await call('station.status', secret))).toMatchObject({ ok: true });
    expect(
      json(
        await call('station.status', {
          ...secret,
          host: `localhost:${server.port}`,
          origin: `http://localhost:${server.port}`,
        }),
      ),
    ).toMatchObject({ ok: true });
  });

  it('refuses a DNS-rebinding page: a foreign Host, even with a matching Origin and the secret', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `localhost.evil.example:${server.port}`,
    ]) {
      const answer = await call('users.list', { ...secret, host, origin: `http://${host}` });
      expect({ host, status: answer.status }).toEqual({ host, status: 403 });
      expect(answer.body).not.toContain('Supervisor');
    }
    const page = await raw(server.port, 'GET', '/', { host: `evil.example:${server.port}` });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(server.secret);
  });

  it('refuses a foreign Origin and a null Origin, even with the right Host and secret', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
      'null',
    ]) {
      const answer = await call('station.status', { ...secret, origin });
      expect({ origin, status: answer.status, code: json(answer).error?.code }).toEqual({
        origin,
        status: 403,
        code: 'forbidden',
      });
    }
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-packbench-secret': 'guess' },
      { 'x-packbench-secret': `${server.secret.slice(0, -1)}x` },
      { cookie: `packbench_secret_${server.port}=nope` },
    ];
    for (const headers of attempts) {
      const answer = await call('station.status', headers);
      expect(answer.status).toBe(401);
      expect(json(answer).error?.message).toContain('launch secret');
    }
  });

  it('keeps the event stream behind the same checks; the page cookie opens it', async () => {
    expect((await raw(server.port, 'GET', '/api/events', {})).status).toBe(401);
    expect(
      (await raw(server.port, 'GET', '/api/events', { ...secret, host: `evil.example:${server.port}` })).status,
    ).toBe(403);
    expect((await raw(server.port, 'GET', '/api/events', { ...secret, origin: 'http://evil.example' })).status).toBe(
      403,
    );
    const open = await raw(
      server.port,
      'GET',
      '/api/events',
      { cookie: `other=1; packbench_secret_${server.port}=${server.secret}` },
      undefined,
      true,
    );
    expect(open.status).toBe(200);
    expect(open.body).toContain(': connected');
  });

  it('refuses every call that is not a read while nobody is signed in (every such call in the contract)', async () => {
    station.services.session.user = null;
    const guarded = Object.entries(calls).filter(
      ([, spec]) => spec.access === 'packer' || spec.access === 'supervisor',
    );
    expect(guarded.length).toBeGreaterThan(20);
    for (const [name] of guarded) {
      const answer = json(
        await call(name, secret, { pin: '9999', key: 'lan.enabled', value: true, orderId: '1', id: 1 }),
      );
      expect({ name, answer }).toMatchObject({ name, answer: { ok: false, error: { code: 'forbidden' } } });
    }
    const { n } = station.services.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action NOT LIKE 'session.%' AND action NOT LIKE 'pin.%'")
      .get() as { n: number };
    expect(n).toBe(0);
    // Only signing in and locking are open to nobody, besides reads.
    const open = Object.entries(calls)
      .filter(([, spec]) => spec.access === 'signin')
      .map(([name]) => name);
    expect(open.sort()).toEqual(['session.lock', 'session.login']);
  });

  it('answers an oversized body with 413 and a message, declared or streamed', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(20_000) });
    const declared = await call('pack.scan', secret, JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(json(declared).error?.message).toMatch(/larger than 10,000 bytes/);
    const streamed = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call/pack.scan',
          headers: { host: `127.0.0.1:${server.port}`, ...secret, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 30; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(streamed.status).toBe(413);
  });

  it('answers a malformed URL with 400, not a 500', async () => {
    for (const path of ['/api/call/%zz', '/%E0%A4%A', '/assets/%', '/api/events%']) {
      const answer = await raw(server.port, 'GET', path, secret);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(json(answer).error?.message).toContain('not a valid URL');
    }
  });
});
