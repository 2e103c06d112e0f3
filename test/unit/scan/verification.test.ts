import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../../shared/domain/scan/normalize';
import { buildPackLines, fitProgress, verificationOf } from '../../../shared/domain/scan/pack-lines';
import { toneOf } from '../../../shared/domain/scan/tone';
import {
  emptyProgress,
  isComplete,
  reduce,
  unverifiedLines,
  type PackAction,
  type Verification,
} from '../../../shared/domain/scan/verification';

const item = (text: string, knownElsewhere = false): PackAction => {
  const parsed = parseScan(text);
  if (!parsed.ok) throw new Error(text);
  return { type: 'item', code: parsed.code, knownElsewhere };
};

function order(rules = { bulkMinQuantity: 0, serialSkus: [] as string[] }): Verification {
  const units = [
    { id: 'l1', skuId: 'sku-mug', sellerSku: 'MUG-1', productName: 'Mug' },
    { id: 'l2', skuId: 'sku-mug', sellerSku: 'MUG-1', productName: 'Mug' },
    { id: 'l3', skuId: 'sku-mug', sellerSku: 'MUG-1', productName: 'Mug' },
    { id: 'l4', skuId: 'sku-lamp', sellerSku: 'LAMP-1', productName: 'Lamp' },
  ].map((line) => ({
    skuName: '',
    imageUrl: null,
    salePrice: '1',
    currency: 'USD',
    packageId: null,
    isGift: false,
    ...line,
  }));
  const codes = new Map([['sku-mug', ['036000291452']]]);
  return verificationOf('A1', buildPackLines({ lines: units, packages: [] }, codes, rules), emptyProgress());
}

function run(v: Verification, actions: PackAction[]) {
  return actions.reduce<{ v: Verification; kinds: string[] }>(
    (acc, action) => {
      const r = reduce(acc.v, action);
      return { v: r.verification, kinds: [...acc.kinds, r.verdict.kind] };
    },
    { v, kinds: [] },
  );
}

describe('verification reducer', () => {
  it('groups unit lines by SKU and counts each scan against its line with progress', () => {
    const v = order();
    expect(v.lines.map((line) => [line.key, line.quantity])).toEqual([
      ['sku-mug', 3],
      ['sku-lamp', 1],
    ]);
    const first = reduce(v, item('0036000291452'));
    expect(first.verdict).toMatchObject({ kind: 'match', lineKey: 'sku-mug', count: 1, quantity: 3, complete: false });
    const second = reduce(first.verification, item('mug-1'));
    expect(second.verdict).toMatchObject({ kind: 'match', count: 2, quantity: 3 });
  });

  it('tells over-scan, wrong item and unknown code apart, changing nothing for any of them', () => {
    const { v } = run(order(), [item('LAMP-1')]);
    const over = reduce(v, item('LAMP-1'));
    expect(over.verdict).toMatchObject({ kind: 'over_scan', lineKey: 'sku-lamp', count: 1, quantity: 1 });
    expect(over.verification).toBe(v);
    expect(reduce(v, item('OTHER-SKU', true)).verdict.kind).toBe('wrong_item');
    expect(reduce(v, item('NEVER-SEEN', false)).verdict.kind).toBe('unknown');
    expect(toneOf(over.verdict)).toBe('over');
  });

  it('completes only when every line is fully verified, and undo takes back exactly the last step', () => {
    const { v, kinds } = run(order(), [item('MUG-1'), item('MUG-1'), item('LAMP-1'), item('MUG-1')]);
    expect(kinds).toEqual(['match', 'match', 'line_done', 'line_done']);
    expect(isComplete(v)).toBe(true);
    const undone = reduce(v, { type: 'undo' });
    expect(undone.verdict).toMatchObject({ kind: 'undone', lineKey: 'sku-mug', count: 2 });
    expect(isComplete(undone.verification)).toBe(false);
    expect(unverifiedLines(undone.verification)).toEqual([
      { lineKey: 'sku-mug', sellerSku: 'MUG-1', count: 2, quantity: 3 },
    ]);
    expect(reduce(order(), { type: 'undo' }).verdict.kind).toBe('nothing_to_undo');
  });

  it('the scan that completes the order sounds complete', () => {
    const { v } = run(order(), [item('MUG-1'), item('MUG-1'), item('MUG-1')]);
    const last = reduce(v, item('LAMP-1'));
    expect(last.verdict.complete).toBe(true);
    expect(toneOf(last.verdict)).toBe('complete');
  });

  it('takes a typed quantity after one scan of a bulk line, never more than the line needs', () => {
    const v = order({ bulkMinQuantity: 3, serialSkus: [] });
    const scanned = reduce(v, item('MUG-1'));
    expect(scanned.verification.progress.awaiting).toEqual({ kind: 'quantity', lineKey: 'sku-mug' });
    expect(reduce(scanned.verification, { type: 'quantity', quantity: 4 }).verdict.kind).toBe('quantity_refused');
    const set = reduce(scanned.verification, { type: 'quantity', quantity: 3 });
    expect(set.verdict).toMatchObject({ kind: 'quantity_set', count: 3, quantity: 3 });
    expect(reduce(set.verification, { type: 'undo' }).verdict).toMatchObject({ kind: 'undone', count: 0 });
    expect(reduce(v, { type: 'quantity', quantity: 2 }).verdict.kind).toBe('quantity_refused');
  });

  it('captures a serial per unit: from the next scan, or from a GS1 (21) in the same barcode', () => {
    const v = order({ bulkMinQuantity: 0, serialSkus: ['LAMP-1'] });
    const scanned = reduce(v, item('LAMP-1'));
    expect(scanned.verification.progress.awaiting).toEqual({ kind: 'serial', lineKey: 'sku-lamp' });
    expect(reduce(scanned.verification, item('MUG-1')).verdict.kind).toBe('serial_needed');
    const serial = reduce(scanned.verification, item('SN-0001'));
    expect(serial.verdict).toMatchObject({ kind: 'serial_recorded', code: 'SN-0001', lineKey: 'sku-lamp' });
    expect(serial.verification.progress.serials).toEqual({ 'sku-lamp': ['SN-0001'] });
    expect(reduce(serial.verification, { type: 'undo' }).verification.progress).toEqual(emptyProgress());
  });

  it('refits saved progress to lines the marketplace changed', () => {
    const { v } = run(order(), [item('MUG-1'), item('MUG-1'), item('LAMP-1')]);
    const fewer = v.lines
      .map((line) => (line.key === 'sku-mug' ? { ...line, quantity: 1 } : line))
      .filter((line) => line.key !== 'sku-lamp');
    expect(fitProgress(fewer, v.progress).counts).toEqual({ 'sku-mug': 1 });
  });

  it('keeps its invariants under any sequence of scans, quantities and undos (property)', () => {
    const codes = ['MUG-1', '036000291452', 'LAMP-1', 'OTHER', 'SN-1', 'SN-2'];
    const action = fc.oneof(
      fc.constantFrom(...codes).map((text) => item(text, text === 'OTHER')),
      fc.integer({ min: 0, max: 5 }).map((quantity): PackAction => ({ type: 'quantity', quantity })),
      fc.constant<PackAction>({ type: 'undo' }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), fc.boolean(), (actions, serialLamp) => {
        let v = order({ bulkMinQuantity: 2, serialSkus: serialLamp ? ['LAMP-1'] : [] });
        for (const a of actions) {
          const before = v;
          const r = reduce(v, a);
          v = r.verification;
          for (const line of v.lines) {
            const count = v.progress.counts[line.key] ?? 0;
            expect(count).toBeGreaterThanOrEqual(0);
            expect(count).toBeLessThanOrEqual(line.quantity);
            const fromSteps = v.progress.steps.filter((s) => s.lineKey === line.key).reduce((n, s) => n + s.amount, 0);
            expect(count).toBe(fromSteps);
          }
          if (
            [
              'over_scan',
              'wrong_item',
              'unknown',
              'nothing_to_undo',
              'quantity_refused',
              'serial_needed',
              'serial_duplicate',
            ].includes(r.verdict.kind)
          ) {
            expect(v).toBe(before);
          }
          expect(r.verdict.complete).toBe(isComplete(v));
          expect(fitProgress(v.lines, v.progress)).toEqual(v.progress);
        }
      }),
    );
  });
});

describe('an order TikTok split into packages', () => {
  const unit = (id: string, skuId: string, packageId: string) => ({
    id,
    skuId,
    sellerSku: skuId.toUpperCase(),
    productName: skuId,
    skuName: '',
    imageUrl: null,
    salePrice: '1',
    currency: 'USD',
    packageId,
    isGift: false,
  });
  const pkg = (id: string) => ({ id, trackingNumber: null, shippingProviderId: null, shippingProviderName: null });
  const rules = { bulkMinQuantity: 0, serialSkus: [] };

  it("shows which parcel each unit goes in, in the order's package order, and fills the first parcel's line first", () => {
    const lines = buildPackLines(
      {
        lines: [unit('l1', 'mug', 'P2'), unit('l2', 'mug', 'P1'), unit('l3', 'lamp', 'P1')],
        packages: [pkg('P1'), pkg('P2')],
      },
      new Map(),
      rules,
    );
    expect(lines.map((line) => [line.skuId, line.parcel, line.lineIds])).toEqual([
      ['mug', 1, ['l2']],
      ['lamp', 1, ['l3']],
      ['mug', 2, ['l1']],
    ]);
    const first = reduce(verificationOf('A1', lines, emptyProgress()), item('MUG'));
    expect(first.verification.progress.counts).toEqual({ [lines[0]!.key]: 1 });
    const second = reduce(first.verification, item('MUG'));
    expect(second.verification.progress.counts).toEqual({ [lines[0]!.key]: 1, [lines[2]!.key]: 1 });
  });

  it('a line that names no package in a split order has no parcel number and comes last', () => {
    const lines = buildPackLines(
      {
        lines: [{ ...unit('l1', 'cap', 'P1'), packageId: null }, unit('l2', 'mug', 'P2'), unit('l3', 'lamp', 'P1')],
        packages: [pkg('P1'), pkg('P2')],
      },
      new Map(),
      rules,
    );
    expect(lines.map((line) => [line.skuId, line.parcel])).toEqual([
      ['lamp', 1],
      ['mug', 2],
      ['cap', null],
    ]);
  });

  it('an order in one package has no parcel numbers and keeps one line per SKU', () => {
    const lines = buildPackLines(
      { lines: [unit('l1', 'mug', 'P1'), unit('l2', 'mug', 'P1')], packages: [pkg('P1')] },
      new Map(),
      rules,
    );
    expect(lines.map((line) => [line.key, line.parcel, line.quantity])).toEqual([['mug', null, 2]]);
  });
});
