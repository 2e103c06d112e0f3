import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_NAME = 'Packbench';

/**
 * Where Electron's app.getPath('userData') puts Packbench's data, computed without Electron so the browser
 * fallback and the desktop app share one database on the same machine.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PACKBENCH_DATA_DIR?.trim() || defaultDataDir(process.platform, env);
}
