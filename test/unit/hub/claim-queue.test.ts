import { describe, expect, it } from 'vitest';
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
  it('go to the database in one statement, however the requests are spread over a few milliseconds', async () => {
    const { db, statements } = countingDb();
    const queue = new ClaimQueue(db, times);
    const answers: Array<Promise<string | null>> = [];
    for (let desk = 0; desk < 20; desk += 1) {
      answers.push(queue.claim(claim(`desk-${desk}`)));
      if (desk % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 0));
    }
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
});
