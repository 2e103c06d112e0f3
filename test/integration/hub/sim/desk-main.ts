/**
 * One desk of the warehouse simulation, as its own process: the real station (its SQLite, sync worker, desk queue)
 * joined to the hub named by PACKBENCH_HUB_URL, serving its contract over HTTP on a free port. It prints its address
 * and launch secret on one line, which the simulation's packer uses as the desk's page would.
 */
import { startStationServer } from '../../../../electron/core/server/http-server';
import { startStation } from '../../../../electron/core/station/station';

async function main(): Promise<void> {
  const dataDir = process.env.PACKBENCH_DATA_DIR;
  if (!dataDir) throw new Error('PACKBENCH_DATA_DIR is not set');
  const station = await startStation({ dataDir, runtime: 'browser', version: 'warehouse-sim' });
  const server = await startStationServer({ station, port: 0 });
  console.log(`desk ready ${JSON.stringify({ url: server.url, secret: server.secret })}`);
  const stop = () => void server.close().then(() => station.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`desk did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
