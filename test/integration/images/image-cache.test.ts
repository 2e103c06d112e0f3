import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageCache } from '../../../electron/core/images/image-cache';
import { APP_ORIGIN } from '../../../electron/shell/app-origin';
import { appResponse } from '../../../electron/shell/app-protocol';
import { HTTP_IMAGES } from '../../../shared/contract/transport';

const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));

/** A marketplace image host on 127.0.0.1: one picture, and the things a picture URL may answer instead. */
function imageHost(): Promise<{ server: Server; base: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/lamp.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    if (req.url === '/error-page.png')
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Not found</html>');
    if (req.url === '/liar.png')
      return res.writeHead(200, { 'content-type': 'image/png' }).end('<svg onload="alert(1)"/>');
    if (req.url === '/huge.png')
      return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.concat([png, Buffer.alloc(5_000)]));
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits }),
    ),
  );
}

describe('product pictures kept by the station', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof imageHost>>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'packbench-images-'));
    host = await imageHost();
  });
  afterEach(async () => {
    await new Promise((done) => host.server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches a picture once, keeps it on disk by its URL hash, and serves it offline after a restart', async () => {
    const url = `${host.base}/lamp.png`;
    const cache = new ImageCache({ dir, maxBytes: 2_000 });
    const [first, second] = await Promise.all([cache.get(url), cache.get(url)]);
    expect(first?.type).toBe('image/png');
    expect(first?.bytes.equals(png)).toBe(true);
    expect(second?.bytes.equals(png)).toBe(true);
    expect(host.hits()).toBe(1);
    expect(readdirSync(dir)).toEqual([ImageCache.key(url)]);

    await new Promise((done) => host.server.close(done));
    host.server.closeAllConnections();
    const afterRestart = await new ImageCache({ dir, maxBytes: 2_000 }).get(url);
    expect(afterRestart?.bytes.equals(png)).toBe(true);
    host = await imageHost(); // for afterEach
  });

  it('refuses what is not a png, jpeg, webp or gif picture, or is larger than the limit, and keeps nothing of it', async () => {
    const cache = new ImageCache({ dir, maxBytes: 2_000 });
    for (const path of ['/error-page.png', '/liar.png', '/huge.png', '/missing.png'])
      expect(await cache.get(`${host.base}${path}`), path).toBeNull();
    expect(await cache.get('file:///etc/passwd')).toBeNull();
    expect(await cache.get('javascript:alert(1)')).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('answers null, never throws, when the host cannot be reached', async () => {
    const cache = new ImageCache({ dir, timeoutMs: 2_000 });
    expect(await cache.get('http://127.0.0.1:9/lamp.png')).toBeNull();
  });

  it('the desktop window gets the same pictures from its app:// origin', async () => {
    const cache = new ImageCache({ dir });
    const url = `${host.base}/lamp.png`;
    const answer = await appResponse(dir, `${APP_ORIGIN}${HTTP_IMAGES}?url=${encodeURIComponent(url)}`, cache);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await answer.arrayBuffer()).equals(png)).toBe(true);
    expect(
      (
        await appResponse(
          dir,
          `${APP_ORIGIN}${HTTP_IMAGES}?url=${encodeURIComponent(`${host.base}/error-page.png`)}`,
          cache,
        )
      ).status,
    ).toBe(404);
  });
});
