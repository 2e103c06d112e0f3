/** Electron main process: a thin shell around the station core (which runs the same in plain Node). */
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../core/config/app-root';
import { electronNativeBinding } from '../core/db/native-binding';
import { ImageCache } from '../core/images/image-cache';
import { startBrowserView } from '../core/server/browser-view';
import { startLanView } from '../core/server/lan-server';
import { startStation, type Station } from '../core/station/station';
import { APP_ENTRY, APP_SCHEME } from './app-origin';
import { appResponse } from './app-protocol';
import { bridgeContract } from './ipc-bridge';
import { keychain } from './keychain';
import { hardenContents, hardenSession } from './security';

const root = findAppRoot(__dirname);
const rendererDir = join(root, 'dist', 'renderer');

// Before the app is ready, or Chromium treats app:// as an opaque origin without 'self', fetch or secure context.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

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
  void window.loadURL(APP_ENTRY);
  return window;
}

async function run(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // A second Packbench on the same desk would fight over the scanner and the database: hand over to the first.
    app.quit();
    return;
  }
  await app.whenReady();
  const dataDir = process.env.PACKBENCH_DATA_DIR?.trim() || app.getPath('userData');
  const images = new ImageCache({ dir: join(dataDir, 'images') });
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url, images));
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => void shell.openExternal(url)));
  const binding = electronNativeBinding(root, process.versions.modules);
  if (!existsSync(binding)) {
    throw new Error(
      `better-sqlite3 is not built for this Electron (ABI ${process.versions.modules}). Run: npm run rebuild:electron`,
    );
  }
  const secrets = keychain(safeStorage, process.platform);
  if (secrets.warning) console.warn(secrets.warning);
  const station: Station = await startStation({
    dataDir,
    runtime: 'electron',
    version: app.getVersion(),
    nativeBinding: binding,
    secretCipher: secrets.cipher,
  });
  // The window talks over IPC; a port is opened only for the browser view or the LAN view, when they are on.
  startBrowserView(station, rendererDir);
  startLanView(station, rendererDir);
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
      await station.close();
      app.exit(0);
    })();
  });
}

run().catch((error: unknown) => {
  console.error('Packbench failed to start:', error);
  app.exit(1);
});
