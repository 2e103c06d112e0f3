/** Electron main process: a thin shell around the station core (which runs the same in plain Node). */
import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../core/config/app-root';
import type { SecretCipher } from '../core/config/settings';
import { electronNativeBinding } from '../core/db/native-binding';
import { startStationServer } from '../core/server/http-server';
import { startLanView } from '../core/server/lan-server';
import { startStation, type Station } from '../core/station/station';
import { bridgeContract } from './ipc-bridge';
import { hardenSession } from './security';

const root = findAppRoot(__dirname);

/** The OS keychain (Keychain, DPAPI, libsecret) seals marketplace secrets in the database, where one is available. */
function keychainCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Packbench',
    backgroundColor: '#111318',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  void window.loadFile(join(root, 'dist', 'renderer', 'index.html'));
  return window;
}

async function run(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // A second Packbench on the same desk would fight over the scanner and the database: hand over to the first.
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession();
  const dataDir = process.env.PACKBENCH_DATA_DIR?.trim() || app.getPath('userData');
  const binding = electronNativeBinding(root, process.versions.modules);
  if (!existsSync(binding)) {
    throw new Error(`better-sqlite3 is not built for this Electron (ABI ${process.versions.modules}). Run: npm run rebuild:electron`);
  }
  const station: Station = await startStation({ dataDir, runtime: 'electron', version: app.getVersion(), nativeBinding: binding, secretCipher: keychainCipher() });
  const server = await startStationServer({
    station,
    port: station.services.settings.number('station.port'),
    staticDir: join(root, 'dist', 'renderer'),
  }).catch((error: unknown) => {
    console.error(`The station server did not start (${(error as Error).message}); the desktop window works without it.`);
    return null;
  });
  startLanView(station, join(root, 'dist', 'renderer'));
  bridgeContract(ipcMain, station, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  let window = createWindow();
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    void (async () => {
      await server?.close();
      await station.close();
      app.exit(0);
    })();
  });
}

run().catch((error: unknown) => {
  console.error('Packbench failed to start:', error);
  app.exit(1);
});
