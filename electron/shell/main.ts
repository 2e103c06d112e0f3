/**
 * Electron main process: the window, the app:// protocol, the keychain, and the relay that hands each window a
 * MessagePort to the station core. The core (SQLite, the marketplace, printing, the local servers) runs in a
 * utilityProcess of its own, from the same entry `npm start` runs for a browser, so a long label batch or a PIN
 * check never freezes the window.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { join } from 'node:path';
import { IPC_PORT, IPC_PORT_REQUEST } from '../../shared/contract/transport';
import { findAppRoot } from '../core/config/app-root';
import { ImageCache } from '../core/images/image-cache';
import { superviseCore } from '../core/ports/core-supervisor';
import { ELECTRON_FLAG } from '../core/ports/protocol';
import { APP_ENTRY, APP_SCHEME, isTrustedSender } from './app-origin';
import { appResponse } from './app-protocol';
import { coreKey } from './keychain';
import { hardenContents, hardenSession } from './security';

const root = findAppRoot(__dirname);
const rendererDir = join(root, 'dist', 'renderer');
const coreEntry = join(root, 'dist', 'station', 'serve.cjs');

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

  const core = superviseCore({
    fork: () =>
      utilityProcess.fork(coreEntry, [ELECTRON_FLAG], {
        serviceName: 'Packbench station core',
        stdio: 'pipe',
        // The core finds the same data folder main uses for pictures and the key.
        env: { ...process.env, PACKBENCH_DATA_DIR: dataDir },
      }),
    channel: () => new MessageChannelMain(),
    keychain: () => coreKey(safeStorage, process.platform, join(dataDir, 'station-key.sealed')),
    portChannel: IPC_PORT,
    onGiveUp(reason) {
      dialog.showErrorBox('Packbench could not start', `The station core did not start.\n\n${reason}`);
      app.exit(1);
    },
  });
  // A window asks for its port when its page loads (again after a reload); only the app's own main frame gets one.
  ipcMain.on(IPC_PORT_REQUEST, (event) => {
    if (isTrustedSender(event)) core.connect(event.sender);
    else console.warn(`Packbench: refused a station port to ${event.senderFrame?.url ?? 'a frame that is gone'}`);
  });

  let window = createWindow();
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void core.stop().then(() => app.exit(0));
  });
}

run().catch((error: unknown) => {
  console.error('Packbench failed to start:', error);
  app.exit(1);
});
