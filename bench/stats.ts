/** One figure a benchmark reports, with the goal it is measured against. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: 'ms' | 's' | 'ops/s' | 'kB' | 'MB';
  /** The figure should be at most this (or at least, for ops/s). */
  goal?: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Times fn once per sample and returns the samples in ms. */
export async function sample(count: number, fn: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function meetsGoal(figure: BenchFigure): boolean | null {
  if (figure.goal === undefined) return null;
  return figure.unit === 'ops/s' ? figure.value >= figure.goal : figure.value <= figure.goal;
}
