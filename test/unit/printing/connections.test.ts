import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintFailure } from '../../../electron/core/printing/connections/connection';
import { deviceConnection } from '../../../electron/core/printing/connections/device';
import { parsePrinterUri } from '../../../electron/core/printing/connections/printer-uri';
import { queueConnection } from '../../../electron/core/printing/connections/queue';
import { tcpConnection } from '../../../electron/core/printing/connections/tcp';
import { VirtualPrinter } from '../../../electron/core/printing/virtual-printer/virtual-printer';

describe('printer addresses', () => {
  it('reads every way a printer is attached, with language and dpi overrides', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toMatchObject({
      target: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
    });
    expect(parsePrinterUri('tcp://printer.local')).toMatchObject({
      target: { kind: 'tcp', host: 'printer.local', port: 9100 },
    });
    expect(parsePrinterUri('usb:///dev/usb/lp0')).toMatchObject({ target: { kind: 'device', path: '/dev/usb/lp0' } });
    expect(parsePrinterUri('lp://Zebra_ZD421?language=zpl&dpi=300')).toMatchObject({
      target: { kind: 'queue', queue: 'Zebra_ZD421' },
      language: 'zpl',
      dpi: 300,
    });
    expect(parsePrinterUri('virtual')).toMatchObject({ target: { kind: 'virtual' } });
    expect(parsePrinterUri('virtual?language=tspl')).toMatchObject({ target: { kind: 'virtual' }, language: 'tspl' });
    expect(() => parsePrinterUri('tcp://10.0.0.9:9100?language=epl')).toThrow(/language=epl/);
    expect(() => parsePrinterUri('http://example')).toThrow(/tcp:\/\//);
    expect(() => parsePrinterUri('lp://bad;rm -rf')).toThrow(/queue/);
  });
});

describe('connections', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('raw TCP delivers the job to the virtual printer, which answers status questions', async () => {
    const received: Buffer[] = [];
    const printer = new VirtualPrinter((bytes) => received.push(bytes), 0);
    await printer.start();
    stops.push(() => printer.stop());
    const connection = tcpConnection('127.0.0.1', printer.port!);
    await connection.send(Buffer.from('^XA^FDhello^FS^XZ'));
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]!.toString()).toBe('^XA^FDhello^FS^XZ');
    printer.paperOut = true;
    const reply = await connection.query!(
      Buffer.from('~HS\r\n'),
      (bytes) => bytes.toString('latin1').split('\x03').length > 3,
      1000,
    );
    expect(reply!.toString('latin1')).toContain('\x02030,1,');
  });

  it('a roll of labels runs out: the printer then says it is out of labels until labels are loaded', async () => {
    const received: Buffer[] = [];
    const printer = new VirtualPrinter((bytes) => received.push(bytes), 0, 0, 2);
    await printer.start();
    stops.push(() => printer.stop());
    const connection = tcpConnection('127.0.0.1', printer.port!);
    await connection.send(Buffer.from('^XA^FDone^FS^XZ'));
    await expect.poll(() => received.length).toBe(1);
    expect(printer.paperOut).toBe(false);
    await connection.send(Buffer.from('^XA^FDtwo^FS^XZ'));
    await expect.poll(() => printer.paperOut).toBe(true);
    printer.paperOut = false;
    await connection.send(Buffer.from('^XA^FDthree^FS^XZ'));
    await expect.poll(() => received.length).toBe(3);
    expect(printer.paperOut).toBe(false);
  });

  it('a status question is answered after the jobs sent before it, so the one that used the last label is counted', async () => {
    const printer = new VirtualPrinter(() => undefined, 0, 0, 1);
    await printer.start();
    stops.push(() => printer.stop());
    // The job's bytes are in, but its connection ends only after the question has been asked on another one.
    const job = connect(printer.port!, '127.0.0.1');
    await new Promise((resolve) => job.once('connect', resolve));
    job.write('^XA^FDlast label^FS^XZ');
    const question = tcpConnection('127.0.0.1', printer.port!).query!(
      Buffer.from('~HS\r\n'),
      (bytes) => bytes.toString('latin1').split('\x03').length > 3,
      1000,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    job.end();
    expect((await question)!.toString('latin1')).toContain('\x02030,1,');
  });

  it('a reply that came in time is read even when this process was busy past the timeout', async () => {
    // The printer answers from a thread of its own, as a network printer does while the station is busy.
    const printer = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const server = require('node:net').createServer((socket) =>
         socket.on('data', () => {
           parentPort.postMessage('answering');
           setTimeout(() => socket.write('READY'), 50);
         }));
       server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));`,
      { eval: true },
    );
    stops.push(() => printer.terminate().then(() => undefined));
    const port = await new Promise<number>((resolve) => printer.once('message', resolve));
    printer.once('message', () => {
      // The reply comes while this process is busy, for longer than the question's whole timeout.
      const until = Date.now() + 800;
      while (Date.now() < until);
    });
    const reply = await tcpConnection('127.0.0.1', port).query!(Buffer.from('?'), (bytes) => bytes.length >= 5, 500);
    expect(reply?.toString()).toBe('READY');
  });

  it('a switched-off printer is offline and nothing was delivered, so the job may simply wait', async () => {
    const printer = new VirtualPrinter(() => undefined, 0);
    await printer.start();
    const port = printer.port!;
    await printer.stop();
    const error = await tcpConnection('127.0.0.1', port, 'the virtual printer')
      .send(Buffer.from('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintFailure);
    expect(error).toMatchObject({
      delivered: false,
      problem: { kind: 'offline', message: expect.stringMatching(/^The virtual printer is not answering/) },
    });
  });

  it('a USB device file receives the bytes; a missing one says the printer is not connected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packbench-usb-'));
    try {
      await deviceConnection(join(dir, 'lp0')).send(Buffer.from('SIZE 4,6\r\n'));
      expect(readFileSync(join(dir, 'lp0'), 'latin1')).toBe('SIZE 4,6\r\n');
      const error = await deviceConnection(join(dir, 'missing', 'lp1'))
        .send(Buffer.from('x'))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        delivered: false,
        problem: { message: expect.stringContaining('is not connected') },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an OS queue gets the job raw through lp, and a missing print system is said plainly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packbench-lp-'));
    try {
      // A stand-in for CUPS' lp that records its arguments and input, as lp would take them.
      const fake = join(dir, 'lp');
      const out = join(dir, 'job');
      writeFileSync(fake, `#!/bin/sh\necho "$@" > ${out}.args\ncat > ${out}\n`, { mode: 0o755 });
      await queueConnection('Zebra', fake).send(Buffer.from('^XA^XZ'));
      expect(readFileSync(`${out}.args`, 'utf8').trim()).toBe('-d Zebra -o raw -');
      expect(readFileSync(out, 'utf8')).toBe('^XA^XZ');
      const error = await queueConnection('Zebra', join(dir, 'no-such-lp'))
        .send(Buffer.from('x'))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ delivered: false, problem: { message: expect.stringContaining('not installed') } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
