// `npm start`: the desktop app where Electron can run, otherwise the same UI served to a browser, said in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronAbi, electronBinary } from './electron-binary.mjs';
import { stationEnv } from './station-env.mjs';

const root = process.cwd();

function serveInBrowser(reason) {
  console.log(`Packbench: ${reason} Serving the same UI in your browser instead.`);
  const child = spawn(process.execPath, [join(root, 'dist', 'station', 'serve.cjs')], {
    stdio: 'inherit',
    env: stationEnv(process.env),
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function fetchElectron() {
  // Electron 45 fetches its binary on first use; do it here with a bounded wait so an offline desk falls back quickly.
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'pipe',
    timeout: 180_000,
    encoding: 'utf8',
  });
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((line) => line.trim());
  return (
    lines.find((line) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|Error:/.test(line)) ??
    (result.error?.message || 'download failed')
  );
}

function ensureElectronSqlite() {
  const binding = join(root, 'native', `electron-${electronAbi(root)}`, 'better_sqlite3.node');
  if (existsSync(binding)) return null;
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'rebuild-electron-sqlite.mjs')], {
    stdio: 'inherit',
  });
  return result.status === 0 ? null : 'better-sqlite3 could not be built for Electron (its headers need internet).';
}

if (process.env.PACKBENCH_BROWSER === '1') {
  serveInBrowser('PACKBENCH_BROWSER=1 is set.');
} else {
  let binary = electronBinary(root);
  const downloadError = binary ? null : fetchElectron();
  binary = electronBinary(root);
  if (!binary) {
    serveInBrowser(
      `Electron's binary is not installed and could not be downloaded (${downloadError ?? 'unknown error'}).`,
    );
  } else {
    const sqliteError = ensureElectronSqlite();
    if (sqliteError) serveInBrowser(sqliteError);
    else {
      // The station core runs in Electron's main process: the same malloc settings as the browser fallback's.
      const child = spawn(binary, [root], { stdio: 'inherit', env: stationEnv(process.env) });
      child.on('exit', (code) => process.exit(code ?? 0));
    }
  }
}
