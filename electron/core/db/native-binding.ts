import { join } from 'node:path';

/**
 * better-sqlite3 in node_modules is built for Node (tests, station server). Electron has its own ABI, so a second
 * copy is built into native/electron-<abi>/ by `npm run rebuild:electron` and chosen here at run time.
 */
export function electronNativeBinding(root: string, abi: string): string {
  return join(root, 'native', `electron-${abi}`, 'better_sqlite3.node');
}
