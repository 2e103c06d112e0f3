import BetterSqlite3 from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { databaseFault, DatabaseFault, faultMessage } from './db-faults';
import { migrations, type Migration } from './migrations';

export type Db = BetterSqlite3.Database;

export class DatabaseFromFutureError extends DatabaseFault {
  constructor(
    readonly found: number,
    readonly known: number,
    file: string,
  ) {
    super('newer', file, faultMessage('newer', file, `schema ${found}; this version knows up to ${known}`));
    this.name = 'DatabaseFromFutureError';
  }
}

export interface OpenOptions {
  /** A better-sqlite3 .node file built for the running runtime (Electron has another ABI than Node). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

const latest = (list: readonly Migration[]): number => (list.length === 0 ? 0 : list[list.length - 1]!.version);

/**
 * Looks at an existing database read-only before anything may write to it: a file from a newer Packbench, or one
 * that is not a readable database, is refused here and left byte for byte as it was (the WAL pragma that follows
 * would rewrite its header).
 */
function inspect(file: string, known: number, binding: { nativeBinding?: string }): void {
  let db: Db | null = null;
  try {
    db = new BetterSqlite3(file, { ...binding, readonly: true, fileMustExist: true });
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > known) throw new DatabaseFromFutureError(found, known, file);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw databaseFault(error, file) ?? error;
  } finally {
    db?.close();
  }
}

/** Opens (creating if needed) the station database, sets its pragmas and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const list = options.migrations ?? migrations;
  if (file !== ':memory:' && existsSync(file) && statSync(file).size > 0) inspect(file, latest(list), binding);
  let db: Db;
  try {
    db = new BetterSqlite3(file, binding);
  } catch (error) {
    throw databaseFault(error, file) ?? error;
  }
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a write the station acknowledged (a scan, a queued marketplace write) survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A full pull lets the write-ahead log grow to ~128 MB before one checkpoint (orders/pull-store.ts); without a
    // limit the file keeps that size on every desk's disk after it is copied back.
    db.pragma('journal_size_limit = 16777216');
    migrate(db, list);
    return db;
  } catch (error) {
    db.close();
    throw databaseFault(error, file) ?? error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, list: readonly Migration[]): void {
  const known = latest(list);
  const current = schemaVersion(db);
  if (current > known) throw new DatabaseFromFutureError(current, known, db.name);
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma('optimize');
  db.close();
}
