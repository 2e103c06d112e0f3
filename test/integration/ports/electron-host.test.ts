import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SecretCipher } from '../../../electron/core/config/settings';
import { hostForElectron, type ParentPortLike } from '../../../electron/core/ports/electron-host';
import type { FromCoreToMain, FromMain } from '../../../electron/core/ports/protocol';
import { portClient } from '../../../electron/core/ports/port-client';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';

/**
 * Electron's parentPort is an EventEmitter whose 'message' events carry { data, ports }: this stands in for it, so
 * the core's side of the desktop app runs in plain Node. The window ports it hands over are real MessagePorts.
 */
class Parent extends EventEmitter implements ParentPortLike {
  readonly sent: FromCoreToMain[] = [];
  postMessage(message: FromCoreToMain) {
    this.sent.push(message);
  }
  fromMain(data: FromMain | Record<string, unknown>, ports: MessagePort[] = []) {
    this.emit('message', { data, ports });
  }
}

describe("the core's side of the desktop app", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const started = () => {
    let dataDir = '';
    const start = vi.fn(async (secretCipher: SecretCipher | undefined) => {
      const station = await tempStation({ secretCipher });
      dataDir = station.dataDir;
      cleanups.push(() => station.dispose());
      return station;
    });
    return { start, dataDir: () => dataDir };
  };

  const windowPort = () => {
    const { port1, port2 } = new MessageChannel();
    cleanups.push(() => {
      port1.close();
      port2.close();
    });
    const client = portClient();
    client.attach(port1);
    return { client, core: port2 };
  };

  it('asks main for the keychain before it opens the database, and seals secrets with the key it gets', async () => {
    const parent = new Parent();
    const { start } = started();
    const hosting = hostForElectron({ parent, start });
    // A window that opens while the core starts: its calls wait in the port.
    const early = windowPort();
    parent.fromMain({ kind: 'window' }, [early.core]);
    const status = early.client.call('station.status', {});
    await until('keychain question', () => parent.sent.length > 0 || null);
    expect(parent.sent).toEqual([{ kind: 'keychain?' }]);
    expect(start).not.toHaveBeenCalled();
    parent.fromMain({ kind: 'keychain', key: randomBytes(32).toString('base64'), warning: null });
    const host = await hosting;
    expect(parent.sent).toEqual([{ kind: 'keychain?' }, { kind: 'ready' }]);
    expect(await status).toMatchObject({ ok: true, value: { user: null } });

    const later = windowPort();
    parent.fromMain({ kind: 'window' }, [later.core]);
    await later.client.call('session.login', { pin: '9999' });
    expect(
      await later.client.call('settings.update', { key: 'marketplace.appSecret', value: 'shop-secret-123' }),
    ).toMatchObject({ ok: true, value: { value: '••••••••' } });
    const stored = host.station.services.db
      .prepare("SELECT value FROM settings WHERE key = 'marketplace.appSecret'")
      .get() as { value: string };
    expect(stored.value).not.toContain('shop-secret-123');
    expect(JSON.parse(stored.value)).toEqual({ sealed: expect.stringMatching(/^k1:/) });
    expect(host.station.services.settings.string('marketplace.appSecret')).toBe('shop-secret-123');
  });

  it('reads a secret sealed some other way as unset, and says so, instead of failing', async () => {
    const parent = new Parent();
    const { start } = started();
    const hosting = hostForElectron({ parent, start });
    parent.fromMain({ kind: 'keychain', key: randomBytes(32).toString('base64'), warning: null });
    const host = await hosting;
    host.station.services.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('marketplace.appSecret', ?, 0) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify({ sealed: Buffer.from('v11 sealed by safeStorage').toString('base64') }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanups.push(() => warn.mockRestore());
    expect(host.station.services.settings.string('marketplace.appSecret')).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('enter it again'));
  });

  it('runs without sealing where main says there is no keychain, and passes the warning on', async () => {
    const parent = new Parent();
    const { start } = started();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanups.push(() => warn.mockRestore());
    const hosting = hostForElectron({ parent, start });
    parent.fromMain({ kind: 'keychain', key: null, warning: 'No OS keychain is available.' });
    await hosting;
    expect(start).toHaveBeenCalledWith(undefined);
    expect(warn).toHaveBeenCalledWith('No OS keychain is available.');
  });

  it('gives up with a clear error when main never answers about the keychain', async () => {
    const parent = new Parent();
    const { start } = started();
    await expect(hostForElectron({ parent, start, keychainTimeoutMs: 100 })).rejects.toThrow(/keychain within 100 ms/);
    expect(start).not.toHaveBeenCalled();
  });

  it('ignores messages that are not one of its kinds, and stops when main says so', async () => {
    const parent = new Parent();
    const { start } = started();
    const hosting = hostForElectron({ parent, start });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanups.push(() => warn.mockRestore());
    parent.fromMain({ kind: 'format-disk' });
    parent.fromMain({ kind: 'keychain', key: null, warning: null });
    const host = await hosting;
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ignored a message'));
    const open = windowPort();
    parent.fromMain({ kind: 'window' }, [open.core]);
    expect(await open.client.call('station.status', {})).toMatchObject({ ok: true });
    parent.fromMain({ kind: 'stop' });
    await host.stopped;
    // The window's port was closed with the station: its next call fails cleanly.
    expect(await open.client.call('station.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(host.station.services.db.open).toBe(false);
  });
});
