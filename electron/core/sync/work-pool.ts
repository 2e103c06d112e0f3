import { WriteFailure } from './marketplace-writer';

/** One piece of a sync round (a ship batch, an upstream check, one other write), run by the pool. */
export type Unit = () => Promise<void>;

/** An exception nobody classified: the request may have left, so the write is asked about before it is sent again. */
export function asFailure(error: unknown): WriteFailure {
  if (error instanceof WriteFailure) return error;
  return new WriteFailure({
    kind: 'transient',
    message: error instanceof Error ? error.message : String(error),
    mayHaveApplied: true,
  });
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Runs the units `concurrency` at a time, each lane taking the next unit when it is free. */
export async function pool(units: readonly Unit[], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < units.length) {
      const unit = units[next++]!;
      await unit();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, lane));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
