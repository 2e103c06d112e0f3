/**
 * The station core's entry, one for every way it runs:
 * - plain Node (`npm start` where Electron's binary is missing, the LAN supervisor view, end-to-end tests): serves
 *   the UI and the contract over HTTP to a browser;
 * - with `--electron`, forked by the desktop app's main process as a utilityProcess: serves each window over the
 *   MessagePort main hands it, and asks main for the keychain's key. The window's process never holds the database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appVersion, findAppRoot } from '../config/app-root';
import { resolveDataDir } from '../config/paths';
import { electronNativeBinding } from '../db/native-binding';
import { ImageCache } from '../images';
import { hostForElectron, type ParentPortLike } from '../ports/electron-host';
import { ELECTRON_FLAG } from '../ports/protocol';
import { startBrowserView, startStationServer, startLanView } from '../server';
import { startStation } from '../station/station';

async function serveBrowser(root: string, dataDir: string): Promise<void> {
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
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function serveElectron(root: string, dataDir: string): Promise<void> {
  // Electron gives a utility process its parentPort; plain Node has none, so the flag alone cannot fake Electron.
  const parent = (process as { parentPort?: ParentPortLike }).parentPort;
  if (!parent) {
    throw new Error(
      `${ELECTRON_FLAG} is for the desktop app, which forks this entry as an Electron utilityProcess; run it without the flag to serve a browser.`,
    );
  }
  // Electron has its own native ABI: its copy of better-sqlite3 (see scripts/rebuild-electron-sqlite.mjs).
  const nativeBinding = electronNativeBinding(root, process.versions.modules);
  if (!existsSync(nativeBinding)) {
    throw new Error(
      `better-sqlite3 is not built for this Electron (ABI ${process.versions.modules}). Run: npm run rebuild:electron`,
    );
  }
  const rendererDir = join(root, 'dist', 'renderer');
  const host = await hostForElectron({
    parent,
    async start(secretCipher) {
      const station = await startStation({
        dataDir,
        runtime: 'electron',
        version: appVersion(root),
        nativeBinding,
        secretCipher,
      });
      // The window talks over its port; an HTTP port opens only for the browser view or the LAN view, when on.
      startBrowserView(station, rendererDir);
      startLanView(station, rendererDir);
      return station;
    },
  });
  console.log(`Packbench station core ready in its own process (pid ${process.pid}, data folder: ${dataDir})`);
  await host.stopped;
  process.exit(0);
}

const run = process.argv.includes(ELECTRON_FLAG) ? serveElectron : serveBrowser;
Promise.resolve()
  .then(() => run(findAppRoot(__dirname), resolveDataDir()))
  .catch((error: unknown) => {
    console.error(`Packbench could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
