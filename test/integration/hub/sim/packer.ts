import type { PackResult, PackView } from '../../../../shared/contract/pack';
import { TEST_PINS } from '../../../support/station-process';

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Thrown when the desk's process does not answer at all (killed, restarting). */
export class DeskDown extends Error {}

/** A desk's contract over its HTTP, called the way its own page calls it (launch secret in the header). */
export class DeskCaller {
  constructor(
    readonly url: string,
    private readonly secret: string,
  ) {}

  async call<T>(name: string, input: unknown): Promise<Answer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.url}api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-packbench-secret': this.secret },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(60_000),
      });
      return (await response.json()) as Answer<T>;
    } catch (error) {
      throw new DeskDown(`${name} at ${this.url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async must<T>(name: string, input: unknown): Promise<T> {
    const answer = await this.call<T>(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    return answer.value;
  }
}

/** A fresh desk's first supervisor replaces the demo PINs (as the UI makes them), then the packer signs in. */
export async function signInPacker(desk: DeskCaller): Promise<void> {
  if ((await desk.call('session.login', { pin: '9999' })).ok) {
    const users = await desk.must<Array<{ id: number; role: 'packer' | 'supervisor' }>>('users.list', {});
    for (const user of users) await desk.must('users.setPin', { id: user.id, pin: TEST_PINS[user.role] });
    await desk.must('session.lock', {});
  }
  await desk.must('session.login', { pin: TEST_PINS.packer });
}

export type PackOutcome =
  | { kind: 'packed'; orderId: string }
  /** The desk has nothing to open now (its batch is being topped up, or the queue is done). */
  | { kind: 'empty' }
  /** Cut off from the hub with nothing it may open. */
  | { kind: 'offline'; message: string };

/** Scans the open order's units until it is complete: seller SKU per unit, a serial where asked, a typed quantity where offered. */
async function finish(desk: DeskCaller, opened: PackView): Promise<PackOutcome> {
  let view: PackView | null = opened;
  for (let step = 0; view && !view.complete && step < 500; step += 1) {
    const { lines, progress } = view.verification;
    const count = (key: string) => progress.counts[key] ?? 0;
    let result: PackResult;
    if (progress.awaiting?.kind === 'serial') {
      result = await desk.must('pack.scan', { text: `SN${view.order.id}X${step}`, source: 'scanner' });
    } else if (progress.awaiting?.kind === 'quantity') {
      const line = lines.find((candidate) => candidate.key === progress.awaiting!.lineKey)!;
      result = await desk.must('pack.quantity', { quantity: line.quantity - count(line.key) + 1 });
    } else {
      const line = lines.find((candidate) => count(candidate.key) < candidate.quantity);
      if (!line) break;
      result = await desk.must('pack.scan', { text: line.sellerSku, source: 'scanner' });
    }
    if (result.verdict.complete) return { kind: 'packed', orderId: view.order.id };
    view = result.view;
  }
  throw new Error(`order ${opened.order.id} did not complete: ${JSON.stringify(view?.verification.progress)}`);
}

/** One order through the desk as a packer would: "next order" (or the one left open), then every unit scanned. */
export async function packOne(desk: DeskCaller): Promise<PackOutcome> {
  const current = await desk.must<PackView | null>('pack.current', {});
  if (current && !current.complete) return finish(desk, current);
  const answer = await desk.call<PackResult>('pack.next', {});
  if (!answer.ok) {
    if (answer.error.code === 'unavailable') return { kind: 'offline', message: answer.error.message };
    throw new Error(`pack.next: ${answer.error.code} ${answer.error.message}`);
  }
  const { verdict, view } = answer.value;
  if (verdict.kind === 'queue_empty' || !view) return { kind: 'empty' };
  if (verdict.kind !== 'order_opened' && verdict.kind !== 'order_resumed' && verdict.kind !== 'not_complete')
    throw new Error(`pack.next answered ${verdict.kind} (${verdict.reason ?? ''})`);
  return finish(desk, view);
}
