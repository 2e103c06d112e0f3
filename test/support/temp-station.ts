import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStation, type Station, type StationOptions } from '../../electron/core/station/station';

/** A real station core on a throwaway data folder, for tests that drive the contract without a UI. */
export async function tempStation(
  options: Partial<StationOptions> = {},
): Promise<Station & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'packbench-test-'));
  // The embedded sandbox starts empty here, so a test's own orders are the only ones; a test that wants the
  // sandbox's seeded orders sets PACKBENCH_SANDBOX_ORDERS.
  const env = { PACKBENCH_SANDBOX_ORDERS: '0', ...options.env };
  const station = await startStation({ runtime: 'browser', version: 'test', ...options, env, dataDir });
  return Object.assign(station, {
    dataDir,
    async dispose() {
      await station.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
