/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchFigure[]>`) and prints its figures
 * against their goals. Speed is measured here, never asserted in timed tests. `npm run bench -- label` runs only the
 * benches whose file name contains "label".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { meetsGoal, type BenchFigure } from './stats';

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
    .sort();
  let failures = 0;
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<BenchFigure[]> };
    console.log(`\n${file}`);
    for (const figure of await mod.run()) {
      const verdict = meetsGoal(figure);
      if (verdict === false) failures += 1;
      const goal =
        figure.goal === undefined
          ? ''
          : ` (goal ${figure.unit === 'ops/s' ? '>=' : '<='} ${figure.goal} ${figure.unit}: ${verdict ? 'met' : 'MISSED'})`;
      console.log(
        `  ${figure.name.padEnd(58)} ${figure.value.toFixed(figure.value < 10 ? 2 : 0).padStart(9)} ${figure.unit}${goal}`,
      );
    }
  }
  console.log(`\n${files.length} benchmark file(s); ${failures} goal(s) missed.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
