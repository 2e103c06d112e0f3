import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { parseScan, storedSpellings } from '../../../shared/domain/scan/normalize';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

type Station = Awaited<ReturnType<typeof tempStation>>;

const line = (id: string, skuId: string, sellerSku: string) => ({ id, skuId, sellerSku, productName: sellerSku });

describe('the codes the pack screen judges wrong items by', () => {
  let station: Station;
  beforeEach(async () => {
    station = await tempStation();
    new OrderStore(station.services.db).upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'ORD-1', lines: [line('a', 'sku-mug', 'MUG-1')] }), raw: {} },
        { order: makeOrder({ id: 'ORD-2', lines: [line('b', 'sku-pen', 'PEN-1')] }), raw: {} },
      ],
      Date.now(),
    );
    station.services.db
      .prepare(
        "INSERT INTO sku_barcodes (code, sku_id, seller_sku, source, created_at) VALUES ('036000291452', 'sku-pen', 'PEN-1', 'marketplace', 1)",
      )
      .run();
    await station.call('http', 'session.login', { pin: '1111' });
  });
  afterEach(() => station.dispose());

  it('are exactly those the station itself judges a wrong item by, in every spelling a scanner sends', async () => {
    const codes = new Set((await ok(station.call('http', 'pack.knownCodes', {}))).codes);
    expect(codes).toEqual(new Set(['036000291452', 'MUG-1', 'PEN-1']));
    const opened = await station.call('http', 'pack.scan', { text: 'ORD-1', source: 'scanner' });
    expect(opened.ok && opened.value.verdict.kind).toBe('order_opened');
    // The pen's UPC as EAN-13 and with a symbology prefix, its SKU in lower case, a code nobody knows.
    for (const text of ['0036000291452', ']E00036000291452', 'pen-1', 'NOPE-404']) {
      const parsed = parseScan(text);
      if (!parsed.ok) throw new Error(`${text} did not parse`);
      const judgedLocally = storedSpellings(parsed.code).some((spelling) => codes.has(spelling));
      const answer = await ok(station.call('http', 'pack.scan', { text, source: 'scanner' }));
      expect([text, answer.verdict.kind]).toEqual([text, judgedLocally ? 'wrong_item' : 'unknown']);
    }
  });
});
