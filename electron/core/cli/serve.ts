/**
 * Runs the station in plain Node and serves the UI to a browser: the fallback of `npm start` where Electron's
 * binary is missing, the LAN supervisor view, and what end-to-end tests drive.
 */
import { join } from 'node:path';
import { appVersion, findAppRoot } from '../config/app-root';
import { resolveDataDir } from '../config/paths';
import { ImageCache } from '../images/image-cache';
import { startStationServer } from '../server/http-server';
import { startLanView } from '../server/lan-server';
import { startStation } from '../station/station';

async function main(): Promise<void> {
  const root = findAppRoot(__dirname);
  const dataDir = resolveDataDir();
  const station = await startStation({ dataDir, runtime: 'browser', version: appVersion(root) });
  const port = station.services.settings.number('station.port');
  let server;
  try {
    server = await startStationServer({
      station,
      port,
      staticDir: join(root, 'dist', 'renderer'),
      images: new ImageCache({ dir: join(dataDir, 'images') }),
    });
  } catch (error) {
    await station.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} is in use (another Packbench?). Set PACKBENCH_PORT to another port, or 0 for any free one.`,
      );
    }
    throw error;
  }
  startLanView(station, join(root, 'dist', 'renderer'));
  console.log(`Packbench station ready at ${server.url} (data folder: ${dataDir})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await station.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Packbench could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
