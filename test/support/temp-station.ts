import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStation, type Station, type StationOptions } from '../../electron/core/station/station';

/** A real station core on a throwaway data folder, for tests that drive the contract without a UI. */
export async function tempStation(options: Partial<StationOptions> = {}): Promise<Station & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'packbench-test-'));
  const station = await startStation({ runtime: 'browser', version: 'test', env: {}, ...options, dataDir });
  return Object.assign(station, {
    dataDir,
    async dispose() {
      await station.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
