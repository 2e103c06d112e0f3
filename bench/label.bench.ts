/**
 * Order -> printer bytes: the label built from an order and encoded in each printer language, per label (p50/p95)
 * for addresses in four scripts, and a batch of 500 distinct orders drawn in the label workers as the print queue
 * does (labels built in order on the main thread, drawn ahead in the pool, taken in order). Goals: p95 under 50 ms
 * per label (5 % of the second a 6-inch label takes to print at 150 mm/s), a 500-label batch under 5 s, the first
 * label's bytes within 100 ms of the batch's start.
 */
import { driverFor } from '../electron/core/printing/drivers';
import type { PrinterLanguage } from '../electron/core/printing/drivers/driver';
import { LabelPool } from '../electron/core/printing/label-pool';
import type { LabelPage } from '../shared/domain/label/model';
import { buildLabel } from '../shared/domain/label/build-label';
import type { Order, OrderInput } from '../shared/domain/orders/order';
import { formatById } from '../shared/domain/tracking/formats';
import { composeNumber } from '../shared/domain/tracking/number-range';
import { batchOrder, labelInput } from '../test/support/label-fixtures';
import { percentile, sample, type BenchFigure } from './stats';

const RECIPIENTS: Record<string, Partial<OrderInput['recipient']>> = {
  latin: {},
  chinese: {
    name: '欧阳娜娜',
    lines: ['北京市朝阳区建国路88号SOHO现代城5号楼2单元1703室'],
    city: '北京市',
    region: '北京',
    postalCode: '100022',
  },
  arabic: {
    name: 'محمد عبد الله الأحمد',
    lines: ['شارع الملك فهد، حي العليا، مبنى رقم 4521'],
    city: 'الرياض',
    region: '',
    postalCode: '12214',
  },
  cyrillic: {
    name: 'Щербаков Юрий Ильич',
    lines: ['ул. Большая Дмитровка, д. 32, кв. 456'],
    city: 'Москва',
    region: '',
    postalCode: '125009',
  },
};

const LANGUAGES: readonly PrinterLanguage[] = ['zpl', 'tspl', 'escpos', 'pdf'];
const UPS = formatById('ups-1z')!;

/**
 * Every label has its own buyer (number i), as in a real batch: nothing is drawn from cache that would not be. Each
 * language and figure takes its own numbers: text drawn for one would be in the other's cache.
 */
function orderFor(script: string, i: number): Order {
  return batchOrder(i, RECIPIENTS[script]);
}

function pagesFor(order: Order, i: number): LabelPage[] {
  return buildLabel(
    labelInput(order, {
      tracking: { number: composeNumber(UPS, '1Z999AA101', 1000 + i, 7, ''), gs1: false },
      weightGrams: 500 + i,
    }),
  ).pages;
}

async function bytesFor(order: Order, language: PrinterLanguage, i: number): Promise<Buffer> {
  return driverFor(language).encodePages(pagesFor(order, i));
}

const BATCH = 500;

/** A batch as the print queue runs it: the next labels drawn in the pool while one is taken, in the batch's order. */
async function batch(
  pool: LabelPool,
  language: PrinterLanguage,
  first: number,
): Promise<{ seconds: number; firstMs: number }> {
  const start = performance.now();
  let firstMs = NaN;
  const making: Array<Promise<Buffer>> = [];
  let next = 0;
  for (let i = 0; i < BATCH; i += 1) {
    for (; next < BATCH && making.length <= pool.width; next += 1)
      making.push(
        pool.encodePages(
          language,
          'epson',
          pagesFor(orderFor(Object.keys(RECIPIENTS)[next % 4]!, first + next), first + next),
        ),
      );
    await making.shift();
    if (i === 0) firstMs = performance.now() - start;
  }
  return { seconds: (performance.now() - start) / 1000, firstMs };
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  // A station's pool starts with its first burst of labels and stays; the batches below find it running.
  const pool = new LabelPool();
  const started = performance.now();
  await pool.start();
  figures.push({ name: `label workers (${pool.width}) started`, value: performance.now() - started, unit: 'ms' });
  for (const [n, language] of LANGUAGES.entries()) {
    const base = n * 10_000;
    for (const script of Object.keys(RECIPIENTS)) {
      await bytesFor(orderFor(script, base), language, base);
      const samples = await sample(40, (i) => bytesFor(orderFor(script, base + 1 + i), language, base + 1 + i));
      figures.push({ name: `${language} ${script}: order -> bytes p50`, value: percentile(samples, 50), unit: 'ms' });
      figures.push({
        name: `${language} ${script}: order -> bytes p95`,
        value: percentile(samples, 95),
        unit: 'ms',
        goal: 50,
      });
    }
    const { seconds, firstMs } = await batch(pool, language, base + 1000);
    figures.push({ name: `${language}: batch of ${BATCH} labels (all scripts)`, value: seconds, unit: 's', goal: 5 });
    figures.push({ name: `${language}: batch's first label bytes`, value: firstMs, unit: 'ms', goal: 100 });
  }
  await pool.close();
  return figures;
}
