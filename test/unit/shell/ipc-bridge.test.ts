import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CALL, IPC_EVENT } from '../../../shared/contract/transport';
import { bridgeContract, type IpcInvokeEventLike, type IpcMainLike } from '../../../electron/shell/ipc-bridge';
import { tempStation } from '../../support/temp-station';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(url: string, ...args: unknown[]) {
    return this.handlers.get(IPC_CALL)!({ senderFrame: { url, parent: null } }, ...args);
  }
  invokeFromFrame(url: string, ...args: unknown[]) {
    return this.handlers.get(IPC_CALL)!(
      { senderFrame: { url, parent: { url: 'app://packbench/index.html' } } },
      ...args,
    );
  }
}

describe('Electron IPC wiring of the contract', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  const ipc = new FakeIpcMain();
  const sent: Array<[string, unknown]> = [];
  let unwire: () => void;
  beforeEach(async () => {
    station = await tempStation();
    sent.length = 0;
    unwire = bridgeContract(ipc, station, () => [{ send: (channel, payload) => sent.push([channel, payload]) }]);
  });
  afterEach(async () => {
    unwire();
    await station.dispose();
  });

  it('serves calls from the app page through the same dispatcher as HTTP', async () => {
    const answer = await ipc.invoke('app://packbench/index.html', 'station.status', {});
    expect(answer).toMatchObject({ ok: true, value: { runtime: 'browser', schemaVersion: expect.any(Number) } });
    expect(await ipc.invoke('app://packbench/index.html', 'no.such.call', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
  });

  it('refuses calls from any page that is not the app, file:// pages included, and from frames inside the app', async () => {
    for (const url of [
      'https://example.com/',
      'file:///app/dist/renderer/index.html',
      'file:///home/me/Downloads/invoice.html',
      'app://evil/index.html',
      'app://user@packbench/index.html',
      'http://127.0.0.1:4780/',
    ]) {
      expect({ url, answer: await ipc.invoke(url, 'station.status', {}) }).toMatchObject({
        url,
        answer: { ok: false, error: { code: 'forbidden' } },
      });
    }
    expect(await ipc.invokeFromFrame('app://packbench/index.html', 'station.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('pushes station events to every window', async () => {
    await ipc.invoke('app://packbench/index.html', 'session.login', { pin: '1111' });
    expect(sent).toContainEqual([IPC_EVENT, expect.objectContaining({ name: 'station.status' })]);
  });

  it('removes its handler when unwired', () => {
    unwire();
    expect(ipc.handlers.has(IPC_CALL)).toBe(false);
    unwire = () => undefined;
  });
});
