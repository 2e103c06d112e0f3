import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PrinterLanguage } from '../../../electron/core/printing/drivers/driver';
import { LabelPool, mainThreadEncoder } from '../../../electron/core/printing/label-pool';
import { buildLabel } from '../../../shared/domain/label/build-label';
import type { LabelPage } from '../../../shared/domain/label/model';
import { batchOrder, labelInput, USPS_TRACKING } from '../../support/label-fixtures';

const RECIPIENTS = [
  { name: 'Jane Doe', lines: ['1 Main St'] },
  { name: '欧阳娜娜', lines: ['北京市朝阳区建国路88号'] },
  { name: 'محمد عبد الله', lines: ['شارع الملك فهد'] },
  { name: 'Щербаков Юрий', lines: ['ул. Большая Дмитровка, д. 32'] },
];

/** Labels with different buyers and scripts: each one draws text the others do not. */
const labels: LabelPage[][] = Array.from(
  { length: 8 },
  (_, i) =>
    buildLabel(
      labelInput(batchOrder(i, RECIPIENTS[i % RECIPIENTS.length]), { ...USPS_TRACKING, weightGrams: 1000 + i }),
    ).pages,
);

/** A PDF carries the second it was made: equal documents may differ there and nowhere else. */
const comparable = (language: PrinterLanguage, bytes: Buffer): Buffer =>
  language === 'pdf' ? Buffer.from(bytes.toString('latin1').replace(/\(D:\d{14}Z\)/g, '(D:0)'), 'latin1') : bytes;

const poolLog = vi.fn();
const pool = new LabelPool(2, poolLog);
afterAll(() => pool.close());

describe('label workers', () => {
  for (const language of ['zpl', 'tspl', 'escpos', 'pdf'] as const) {
    it(`${language}: a batch drawn in the pool is byte for byte the main thread's, in the batch's order`, async () => {
      await pool.start();
      const expected = [];
      for (const pages of labels)
        expected.push(comparable(language, await mainThreadEncoder.encodePages(language, 'epson', pages)));
      const drawn = await Promise.all(labels.map((pages) => pool.encodePages(language, 'epson', pages)));
      expect(drawn.map((bytes) => comparable(language, bytes))).toEqual(expected);
      // Drawn by the workers, not by the fallback.
      expect(poolLog).not.toHaveBeenCalled();
    }, 60_000);
  }

  it('a label asked for while the workers load is drawn on the main thread, not held back', async () => {
    const cold = new LabelPool(1);
    try {
      const bytes = await cold.encodePages('zpl', 'epson', labels[0]!);
      expect(bytes.equals(await mainThreadEncoder.encodePages('zpl', 'epson', labels[0]!))).toBe(true);
    } finally {
      await cold.close();
    }
  });

  it('when a worker cannot start, labels are drawn on the main thread and the log says so once', async () => {
    const log = vi.fn();
    const broken = new LabelPool(2, log, { script: "throw new Error('no fonts here')", eval: true });
    try {
      await broken.start();
      const drawn = await Promise.all(labels.slice(0, 3).map((pages) => broken.encodePages('tspl', 'epson', pages)));
      const expected = await Promise.all(
        labels.slice(0, 3).map((pages) => mainThreadEncoder.encodePages('tspl', 'epson', pages)),
      );
      expect(drawn).toEqual(expected);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]![0]).toMatch(/main thread.*no fonts here/);
    } finally {
      await broken.close();
    }
  });

  it('a worker that dies with labels in hand: those labels are drawn on the main thread, in order', async () => {
    const log = vi.fn();
    // Says it is ready, then dies on the first label it is given.
    const dying = new LabelPool(1, log, {
      script:
        "const { parentPort } = require('node:worker_threads'); parentPort.on('message', () => process.exit(3)); parentPort.postMessage({ ready: true });",
      eval: true,
    });
    try {
      await dying.start();
      const drawn = await Promise.all(labels.slice(0, 3).map((pages) => dying.encodePages('zpl', 'epson', pages)));
      const expected = await Promise.all(
        labels.slice(0, 3).map((pages) => mainThreadEncoder.encodePages('zpl', 'epson', pages)),
      );
      expect(drawn).toEqual(expected);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]![0]).toMatch(/exit code 3/);
    } finally {
      await dying.close();
    }
  });
});
