import { z } from 'zod';
import type { ScannedCode } from './normalize';

/** One SKU of the order: TikTok lists each unit as its own line item, the packer counts them together. */
export const PackLine = z.object({
  key: z.string(),
  skuId: z.string(),
  sellerSku: z.string(),
  productName: z.string(),
  skuName: z.string(),
  imageUrl: z.string().nullable(),
  isGift: z.boolean(),
  /** The marketplace line items this pack line counts. */
  lineIds: z.array(z.string()),
  quantity: z.number().int().positive(),
  /** Match keys (see parseScan) of its product barcodes, seller SKU and aliases. */
  keys: z.array(z.string()),
  /** After one scan the packer may type how many units go in ("scan once, type 12"). */
  bulk: z.boolean(),
  /** A serial number is captured for every unit. */
  serial: z.boolean(),
  /**
   * Which parcel its units go in (1, 2, ...) when TikTok split the order into packages, each leaving with its own
   * label; null for an order in one package.
   */
  parcel: z.number().int().positive().nullable(),
});
export type PackLine = z.infer<typeof PackLine>;

export const PackStep = z.object({
  lineKey: z.string(),
  amount: z.number().int().positive(),
  serial: z.string().nullable(),
});
export type PackStep = z.infer<typeof PackStep>;

const Awaiting = z.object({ kind: z.enum(['serial', 'quantity']), lineKey: z.string() });
export type Awaiting = z.infer<typeof Awaiting>;

export const PackProgress = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  serials: z.record(z.string(), z.array(z.string())),
  /** What each counting scan added, newest last: undo takes back exactly one. */
  steps: z.array(PackStep),
  awaiting: Awaiting.nullable(),
});
export type PackProgress = z.infer<typeof PackProgress>;

export const Verification = z.object({ orderId: z.string(), lines: z.array(PackLine), progress: PackProgress });
export type Verification = z.infer<typeof Verification>;

/**
 * Everything a scan or a pack action can answer. The first group comes from the verification reducer, the rest
 * from the station (opening orders, commands, holds, overrides).
 */
export const VerdictKind = z.enum([
  'match',
  'line_done',
  'over_scan',
  'wrong_item',
  'unknown',
  'serial_needed',
  'serial_recorded',
  'serial_duplicate',
  'quantity_set',
  'quantity_refused',
  'undone',
  'nothing_to_undo',
  'order_opened',
  'order_resumed',
  'order_refused',
  'order_not_found',
  'other_order',
  'no_order',
  'queue_empty',
  'not_complete',
  'hold_reason_needed',
  'held',
  'released',
  'cancelled',
  'overridden',
  'linked',
  'print_sent',
  'print_requested',
]);
export type VerdictKind = z.infer<typeof VerdictKind>;

export const Verdict = z.object({
  kind: VerdictKind,
  /** The order is fully verified after this step. */
  complete: z.boolean(),
  lineKey: z.string().nullable().default(null),
  count: z.number().int().nullable().default(null),
  quantity: z.number().int().nullable().default(null),
  code: z.string().nullable().default(null),
  orderId: z.string().nullable().default(null),
  /** Why an order could not be opened or an action was refused, as a key the UI translates. */
  reason: z.string().nullable().default(null),
  /** Free detail for the message: the other station's name, a serial number... */
  detail: z.string().nullable().default(null),
});
export type Verdict = z.infer<typeof Verdict>;
export type VerdictInput = z.input<typeof Verdict>;

export function verdict(
  kind: VerdictKind,
  fields: Omit<VerdictInput, 'kind' | 'complete'> & { complete?: boolean } = {},
): Verdict {
  return Verdict.parse({ complete: false, ...fields, kind });
}

export type PackAction =
  /** knownElsewhere: the code belongs to some product (another order, the barcode table), so it is a wrong item. */
  | { type: 'item'; code: ScannedCode; knownElsewhere: boolean }
  | { type: 'quantity'; quantity: number }
  | { type: 'undo' };

export interface Reduction {
  verification: Verification;
  verdict: Verdict;
  /** The step this action added or took back, for the record. */
  step: PackStep | null;
}

export function emptyProgress(): PackProgress {
  return { counts: {}, serials: {}, steps: [], awaiting: null };
}

const countOf = (v: Verification, lineKey: string) => v.progress.counts[lineKey] ?? 0;
const serialsOf = (v: Verification, lineKey: string) => v.progress.serials[lineKey] ?? [];

export function lineVerified(v: Verification, line: PackLine): boolean {
  if (countOf(v, line.key) < line.quantity) return false;
  return !line.serial || serialsOf(v, line.key).length >= line.quantity;
}

/** Complete only when every line has all its units counted (and serials captured where the line needs them). */
export function isComplete(v: Verification): boolean {
  return v.lines.every((line) => lineVerified(v, line)) && v.progress.awaiting?.kind !== 'serial';
}

/** Lines still short of their quantity, as "SKU: n of m" facts for an override record. */
export function unverifiedLines(
  v: Verification,
): Array<{ lineKey: string; sellerSku: string; count: number; quantity: number }> {
  return v.lines
    .filter((line) => !lineVerified(v, line))
    .map((line) => ({
      lineKey: line.key,
      sellerSku: line.sellerSku,
      count: countOf(v, line.key),
      quantity: line.quantity,
    }));
}

/**
 * The line a scanned code counts on. A SKU in two parcels of a split order has a line in each: the first one still
 * short takes the unit, and once all are full the first is named (the scan is one too many).
 */
export function findLine(v: Verification, keys: readonly string[]): PackLine | null {
  const matching = v.lines.filter((line) => line.keys.some((key) => keys.includes(key)));
  return matching.find((line) => !lineVerified(v, line)) ?? matching[0] ?? null;
}

/** Lines at zero are left out, so the same progress has one form however it was reached (undo, or a restart). */
function withEntry<T>(record: Record<string, T>, key: string, value: T, empty: boolean): Record<string, T> {
  const next = { ...record };
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

function withProgress(v: Verification, progress: Partial<PackProgress>): Verification {
  return { ...v, progress: { ...v.progress, ...progress } };
}

function counted(
  v: Verification,
  line: PackLine,
  kind: VerdictKind,
  step: PackStep | null,
  extra: Partial<VerdictInput> = {},
): Reduction {
  const complete = isComplete(v);
  const count = countOf(v, line.key);
  const lineDone = kind === 'match' && count >= line.quantity && lineVerified(v, line);
  return {
    verification: v,
    step,
    verdict: verdict(lineDone ? 'line_done' : kind, {
      orderId: v.orderId,
      lineKey: line.key,
      count,
      quantity: line.quantity,
      complete,
      ...extra,
    }),
  };
}

function unchanged(
  v: Verification,
  kind: VerdictKind,
  fields: Omit<VerdictInput, 'kind' | 'complete'> = {},
): Reduction {
  return {
    verification: v,
    step: null,
    verdict: verdict(kind, { orderId: v.orderId, ...fields, complete: isComplete(v) }),
  };
}

function recordSerial(v: Verification, line: PackLine, serial: string): Reduction {
  if (serialsOf(v, line.key).includes(serial))
    return unchanged(v, 'serial_duplicate', { lineKey: line.key, code: serial });
  const steps = [...v.progress.steps];
  const last = steps[steps.length - 1]!;
  steps[steps.length - 1] = { ...last, serial };
  const next = withProgress(v, {
    steps,
    serials: { ...v.progress.serials, [line.key]: [...serialsOf(v, line.key), serial] },
    awaiting: null,
  });
  return counted(next, line, 'serial_recorded', steps[steps.length - 1]!, { code: serial });
}

function scanItem(v: Verification, code: ScannedCode, knownElsewhere: boolean): Reduction {
  const line = findLine(v, code.keys);
  const awaiting = v.progress.awaiting;
  if (awaiting?.kind === 'serial') {
    const serialLine = v.lines.find((candidate) => candidate.key === awaiting.lineKey)!;
    // An item of this order scanned instead of the serial: the serial is still owed, nothing else changes.
    if (line) return unchanged(v, 'serial_needed', { lineKey: serialLine.key, code: code.text });
    return recordSerial(v, serialLine, code.text);
  }
  if (!line) return unchanged(v, knownElsewhere ? 'wrong_item' : 'unknown', { code: code.text });
  const count = countOf(v, line.key);
  if (count >= line.quantity)
    return unchanged(v, 'over_scan', { lineKey: line.key, count, quantity: line.quantity, code: code.text });
  if (line.serial && code.serial && serialsOf(v, line.key).includes(code.serial)) {
    return unchanged(v, 'serial_duplicate', { lineKey: line.key, code: code.serial });
  }
  const serial = line.serial ? code.serial : null;
  const step: PackStep = { lineKey: line.key, amount: 1, serial };
  let awaitingNext: Awaiting | null = null;
  if (line.serial && !serial) awaitingNext = { kind: 'serial', lineKey: line.key };
  else if (line.bulk && count + 1 < line.quantity) awaitingNext = { kind: 'quantity', lineKey: line.key };
  const next = withProgress(v, {
    counts: { ...v.progress.counts, [line.key]: count + 1 },
    serials: serial ? { ...v.progress.serials, [line.key]: [...serialsOf(v, line.key), serial] } : v.progress.serials,
    steps: [...v.progress.steps, step],
    awaiting: awaitingNext,
  });
  return counted(next, line, 'match', step, { code: code.text });
}

/** "Scan once, type 12": the typed number replaces the single unit the last scan counted. */
function enterQuantity(v: Verification, quantity: number): Reduction {
  const awaiting = v.progress.awaiting;
  const last = v.progress.steps[v.progress.steps.length - 1];
  if (awaiting?.kind !== 'quantity' || !last || last.lineKey !== awaiting.lineKey || last.amount !== 1) {
    return unchanged(v, 'quantity_refused');
  }
  const line = v.lines.find((candidate) => candidate.key === awaiting.lineKey)!;
  const before = countOf(v, line.key) - 1;
  if (!Number.isInteger(quantity) || quantity < 1 || before + quantity > line.quantity) {
    return unchanged(v, 'quantity_refused', {
      lineKey: line.key,
      count: before + 1,
      quantity: line.quantity,
      detail: String(line.quantity - before),
    });
  }
  const step: PackStep = { ...last, amount: quantity };
  const next = withProgress(v, {
    counts: { ...v.progress.counts, [line.key]: before + quantity },
    steps: [...v.progress.steps.slice(0, -1), step],
    awaiting: null,
  });
  return counted(next, line, 'quantity_set', step);
}

function undo(v: Verification): Reduction {
  const last = v.progress.steps[v.progress.steps.length - 1];
  if (!last) return unchanged(v, 'nothing_to_undo');
  const line = v.lines.find((candidate) => candidate.key === last.lineKey)!;
  const remaining = serialsOf(v, line.key).filter((serial) => serial !== last.serial);
  const serials = last.serial
    ? withEntry(v.progress.serials, line.key, remaining, remaining.length === 0)
    : v.progress.serials;
  const count = countOf(v, line.key) - last.amount;
  const next = withProgress(v, {
    counts: withEntry(v.progress.counts, line.key, count, count === 0),
    serials,
    steps: v.progress.steps.slice(0, -1),
    awaiting: null,
  });
  return counted(next, line, 'undone', last, { code: last.serial });
}

/** The verification state machine: pure, so the renderer can show a verdict at once and the station can record it. */
export function reduce(v: Verification, action: PackAction): Reduction {
  switch (action.type) {
    case 'item':
      return scanItem(v, action.code, action.knownElsewhere);
    case 'quantity':
      return enterQuantity(v, action.quantity);
    case 'undo':
      return undo(v);
  }
}
