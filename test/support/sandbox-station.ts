import { startSandbox, type Sandbox } from '../../electron/core/sandbox/server';
import { CuttingProxy } from './cutting-proxy';
import { startStationProcess, type StationProcess } from './station-process';

export interface SandboxStation {
  sandbox: Sandbox;
  /** The cuttable network between the station and the marketplace, when the test asked for one. */
  proxy: CuttingProxy | undefined;
  station: StationProcess;
  /** Stops the station, then the network and the marketplace; prints the station's log when the test failed. */
  close: (failed: boolean) => Promise<void>;
}

interface SandboxStationOptions {
  orders: number;
  /** More station environment, on top of the marketplace connection. */
  env?: Record<string, string>;
  /** Puts a CuttingProxy between the station and the marketplace, for tests that take the marketplace away. */
  cuttable?: boolean;
}

/**
 * A station process pulling from its own sandbox marketplace with the sandbox's app credentials and token. Every order
 * is there from the start (none arrive later), so what a test picks from the station's store cannot change under it.
 */
export function startSandboxStation(
  options: SandboxStationOptions & { cuttable: true },
): Promise<SandboxStation & { proxy: CuttingProxy }>;
export function startSandboxStation(options: SandboxStationOptions): Promise<SandboxStation>;
export async function startSandboxStation(options: SandboxStationOptions): Promise<SandboxStation> {
  const sandbox = await startSandbox({ orders: options.orders, arrivalEverySeconds: 0 });
  const proxy = options.cuttable ? new CuttingProxy(Number(new URL(sandbox.url).port)) : undefined;
  const closeNetwork = async () => {
    await proxy?.close();
    await sandbox.close();
  };
  let station: StationProcess;
  try {
    await proxy?.start();
    const credentials = sandbox.credentials();
    station = await startStationProcess({
      PACKBENCH_MARKETPLACE_URL: proxy?.url ?? sandbox.url,
      PACKBENCH_APP_KEY: credentials.appKey,
      PACKBENCH_APP_SECRET: credentials.appSecret,
      PACKBENCH_ACCESS_TOKEN: credentials.accessToken,
      ...options.env,
    });
  } catch (error) {
    // A station that did not start has no afterEach to close what was started for it.
    await closeNetwork();
    throw error;
  }
  return {
    sandbox,
    proxy,
    station,
    async close(failed) {
      if (failed) console.log(station.output());
      await station.stop();
      await closeNetwork();
    },
  };
}
