import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Queryable } from '../../../hub/src/db/pool';
import { ClaimQueue } from '../../../hub/src/http/claim-queue';

/** A database that records how many claims each statement carried and answers "the queue is empty". */
function countingDb() {
  const statements: number[] = [];
  let release: () => void = () => undefined;
  let hold = Promise.resolve();
  const db = {
    query: async (config: { values: unknown[][] }) => {
      statements.push(config.values[0]!.length);
      await hold;
      return { rows: [] };
    },
  } as unknown as Queryable;
  return {
    db,
    statements,
    /** Statements wait until released, as a busy database would. */
    holdNext: () => {
      hold = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

const claim = (deskId: string) => ({ deskId, packer: null, kind: 'open' as const });
const times = () => ({ now: 0, idleMs: 60_000 });

describe('claims of desks asking at once', () => {
  // The queue's waits are a few milliseconds: on a loaded test machine a real timer's "0 ms" took longer than that.
  afterEach(() => vi.useRealTimers());
  const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });

  it('go to the database in one statement, however the requests are spread over a few milliseconds', async () => {
    fakeClock();
    const { db, statements } = countingDb();
    const queue = new ClaimQueue(db, times);
    const answers: Array<Promise<string | null>> = [];
    for (let desk = 0; desk < 20; desk += 1) {
      answers.push(queue.claim(claim(`desk-${desk}`)));
      if (desk % 5 === 4) await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(10);
    expect(await Promise.all(answers)).toEqual(Array(20).fill(null));
    expect(statements).toEqual([20]);
  });

  it('that arrive while a statement runs go together in the next one', async () => {
    const { db, statements, holdNext, release } = countingDb();
    const queue = new ClaimQueue(db, times);
    holdNext();
    const first = queue.claim(claim('desk-a'));
    await expect.poll(() => statements.length).toBe(1);
    const later = [queue.claim(claim('desk-b')), queue.claim(claim('desk-c'))];
    release();
    await Promise.all([first, ...later]);
    expect(statements).toEqual([1, 2]);
  });

  describe('wait for the others', () => {
    it('until arrivals pause, not the longest wait, when the desks have all asked', async () => {
      fakeClock();
      const { db, statements } = countingDb();
      const queue = new ClaimQueue(db, times);
      const answers = [queue.claim(claim('desk-a')), queue.claim(claim('desk-b'))];
      await vi.advanceTimersByTimeAsync(3);
      expect(statements).toEqual([2]);
      await Promise.all(answers);
    });

    it("never past the first request's longest wait while desks keep arriving", async () => {
      fakeClock();
      const { db, statements } = countingDb();
      const queue = new ClaimQueue(db, times);
      const answers: Array<Promise<string | null>> = [];
      for (let ms = 0; ms < 12; ms += 1) {
        answers.push(queue.claim(claim(`desk-${ms}`)));
        await vi.advanceTimersByTimeAsync(1);
        if (ms === 7) expect(statements).toHaveLength(1);
      }
      await vi.advanceTimersByTimeAsync(10);
      await Promise.all(answers);
      expect(statements.reduce((sum, n) => sum + n, 0)).toBe(12);
      expect(statements[0]).toBeLessThanOrEqual(7);
    });
  });
});
