import { describe, expect, it } from 'vitest';
import { COMMAND_BARCODES, parseCommand } from '../../../shared/domain/scan/commands';
import { classifyEntry } from '../../../shared/domain/scan/entry';
import { openRefusal } from '../../../shared/domain/scan/open-gate';
import { emptyProgress, type Verification } from '../../../shared/domain/scan/verification';

const awaitingQuantity: Verification = {
  orderId: 'A1',
  lines: [],
  progress: { ...emptyProgress(), awaiting: { kind: 'quantity', lineKey: 'sku' } },
};

describe('command barcodes', () => {
  it('every barcode on the sheet parses back to its command, in any case', () => {
    for (const entry of COMMAND_BARCODES) expect(parseCommand(entry.code.toLowerCase())).toEqual(entry.command);
    expect(parseCommand('PBCMD-HOLD-DAMAGED')).toEqual({ name: 'HOLD', reason: 'damaged' });
    expect(parseCommand('PRINT')).toBeNull();
  });
});

describe('classifyEntry', () => {
  it('reads digits typed by hand after a bulk scan as the quantity, but a scanned number as a code', () => {
    expect(classifyEntry('12', 'typed', awaitingQuantity)).toEqual({ type: 'quantity', quantity: 12 });
    expect(classifyEntry('12', 'manual', awaitingQuantity)).toEqual({ type: 'quantity', quantity: 12 });
    expect(classifyEntry('1234', 'scanner', awaitingQuantity)).toMatchObject({ type: 'code' });
  });

  it('ignores typed keys that are not a quantity, refuses garbage, and spots commands first', () => {
    expect(classifyEntry('hello', 'typed', null)).toEqual({ type: 'ignored' });
    expect(classifyEntry('A\u0007B', 'scanner', null)).toEqual({ type: 'rejected', reason: 'not_printable' });
    expect(classifyEntry('pbcmd-undo', 'scanner', awaitingQuantity)).toMatchObject({
      type: 'command',
      command: { name: 'UNDO' },
    });
  });
});

describe('openRefusal', () => {
  const open = { status: 'AWAITING_SHIPMENT', stationState: 'queued', openAtStation: null, holdReason: null };
  it('refuses cancelled, shipped, packed, held, unpaid orders and orders open at another desk, with the reason', () => {
    expect(openRefusal(open, 'desk-1')).toBeNull();
    expect(openRefusal({ ...open, status: 'CANCELLED' }, 'desk-1')).toEqual({ reason: 'cancelled' });
    expect(openRefusal({ ...open, status: 'IN_TRANSIT' }, 'desk-1')).toEqual({ reason: 'shipped' });
    expect(openRefusal({ ...open, stationState: 'packed' }, 'desk-1')).toEqual({ reason: 'already_packed' });
    expect(openRefusal({ ...open, stationState: 'held', holdReason: 'damaged' }, 'desk-1')).toEqual({
      reason: 'on_hold',
      detail: 'damaged',
    });
    expect(openRefusal({ ...open, status: 'UNPAID' }, 'desk-1')).toEqual({ reason: 'not_ready' });
    expect(openRefusal({ ...open, stationState: 'packing', openAtStation: 'desk-2' }, 'desk-1')).toEqual({
      reason: 'open_elsewhere',
      detail: 'desk-2',
    });
    expect(openRefusal({ ...open, stationState: 'packing', openAtStation: 'desk-1' }, 'desk-1')).toBeNull();
  });
});
