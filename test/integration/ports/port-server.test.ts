import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { servePort, type PortServer } from '../../../electron/core/ports/port-server';
import { portClient, type PortClient } from '../../../electron/core/ports/port-client';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';

/** The contract over real MessagePorts (node:worker_threads), between the preload's client and a real station. */
describe('the station contract over a message port', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  let ports: MessagePort[];
  let server: PortServer;
  let client: PortClient;

  const channel = () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    return { window: port1, core: port2 };
  };

  beforeEach(async () => {
    station = await tempStation();
    ports = [];
    const { window, core } = channel();
    server = servePort(station, core);
    client = portClient();
    client.attach(window);
  });
  afterEach(async () => {
    for (const port of ports) port.close();
    await station.dispose();
  });

  it('answers a call through the dispatcher', async () => {
    expect(await client.call('station.status', {})).toMatchObject({
      ok: true,
      value: { runtime: 'browser', user: null, schemaVersion: expect.any(Number) },
    });
  });

  it('refuses invalid input and unknown calls with the contract errors', async () => {
    const bad = await client.call('session.login', { pin: 'abc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(bad)).toContain('PIN is 4 to 8 digits');
    expect(await client.call('no.such.call' as 'station.status', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
  });

  it('checks access as HTTP does: nobody signed in, then a packer, then a supervisor', async () => {
    expect(await client.call('pack.open', { orderId: 'X1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await client.call('session.login', { pin: '1111' })).toMatchObject({ ok: true, value: { role: 'packer' } });
    // Signed in, the call passes the access check and reaches the handler, which does not know the order.
    expect(await client.call('pack.open', { orderId: 'X1' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await client.call('settings.update', { key: 'station.locale', value: 'zh-CN' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await client.call('session.login', { pin: '9999' });
    expect(await client.call('settings.update', { key: 'station.locale', value: 'zh-CN' })).toMatchObject({ ok: true });
  });

  it('delivers station events to subscribers', async () => {
    const events: StationEvent[] = [];
    client.subscribe((event) => events.push(event));
    await client.call('session.login', { pin: '1111' });
    const status = await until('station.status event', () => events.find((event) => event.name === 'station.status'));
    expect(status.payload).toMatchObject({ user: { role: 'packer' } });
  });

  it('answers a malformed message that has an id, and keeps serving', async () => {
    const { window, core } = channel();
    servePort(station, core);
    const answers: unknown[] = [];
    window.on('message', (data: { kind: string }) => data.kind === 'result' && answers.push(data));
    window.postMessage({ kind: 'call', id: 7, name: 42 });
    window.postMessage({ nonsense: true });
    window.postMessage({ kind: 'call', id: 8, name: 'station.status', input: {} });
    await until('two answers', () => answers.length >= 2 || null);
    expect(answers).toEqual([
      { kind: 'result', id: 7, result: { ok: false, error: expect.objectContaining({ code: 'invalid_input' }) } },
      { kind: 'result', id: 8, result: expect.objectContaining({ ok: true }) },
    ]);
  });

  it('answers with an error, not silence, when an answer cannot be copied through the port', async () => {
    const { window, core } = channel();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    servePort({ services: station.services, callRaw: async () => ({ ok: true, value: { run: () => 1 } }) }, core);
    const fresh = portClient();
    fresh.attach(window);
    expect(await fresh.call('station.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('could not be sent'), expect.anything());
    error.mockRestore();
  });

  it('fails a call cleanly once the core closed the port, and the server stops listening to the station', async () => {
    server.close();
    await server.closed;
    // Sent before or after the client hears of the close, the call is answered 'unavailable', never left hanging.
    expect(await client.call('station.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await client.call('station.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // No subscriber is left behind to write to a dead port.
    expect(() => station.services.bus.emit('settings.changed', { key: 'station.locale' })).not.toThrow();
  });

  it('notices a window that goes away', async () => {
    const { window, core } = channel();
    const served = servePort(station, core);
    window.close();
    await served.closed;
  });

  it('fails calls at once once main says the core is gone, and takes the next port as a reconnect', async () => {
    const fresh = portClient();
    const silent = channel();
    fresh.attach(silent.window);
    let reconnects = 0;
    fresh.onReconnect(() => reconnects++);
    const inFlight = fresh.call('station.status', {});
    fresh.detach();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await fresh.call('station.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const served = channel();
    servePort(station, served.core);
    fresh.attach(served.window);
    expect(reconnects).toBe(1);
    expect(await fresh.call('station.status', {})).toMatchObject({ ok: true });
  });

  it('holds calls made before the first port, and fails calls in flight when a new port replaces the old', async () => {
    const fresh = portClient();
    const early = fresh.call('station.status', {});
    // A port whose far end never answers: the call made on it stays in flight.
    const silent = channel();
    fresh.attach(silent.window);
    let reconnects = 0;
    fresh.onReconnect(() => reconnects++);
    const inFlight = fresh.call('station.status', {});
    const served = channel();
    servePort(station, served.core);
    fresh.attach(served.window);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(reconnects).toBe(1);
    expect(await fresh.call('station.status', {})).toMatchObject({ ok: true });
    // The early call went out on the first port, which never answered: it failed with the others in flight.
    expect(await early).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
