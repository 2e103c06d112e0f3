// Builds a second better-sqlite3 for Electron's ABI into native/electron-<abi>/, leaving node_modules' copy (built
// for Node, used by tests and the station server) untouched. Needs Electron's headers, so it needs internet.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronAbi, electronVersion } from './electron-binary.mjs';

const root = process.cwd();
const version = electronVersion(root);
const abi = electronAbi(root);
const work = mkdtempSync(join(tmpdir(), 'packbench-sqlite-'));
try {
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--arch=' + process.arch,
      '--dist-url=https://electronjs.org/headers',
      '--nodedir=',
    ],
    { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (result.status !== 0) {
    console.error(`Building better-sqlite3 for Electron ${version} failed (it downloads Electron's headers).`);
    process.exit(1);
  }
  const out = join(root, 'native', `electron-${abi}`);
  mkdirSync(out, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(out, 'better_sqlite3.node'));
  console.log(`better-sqlite3 built for Electron ${version} (ABI ${abi}) in ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
