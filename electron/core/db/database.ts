import BetterSqlite3 from 'better-sqlite3';
import { migrations, type Migration } from './migrations';

export type Db = BetterSqlite3.Database;

export class DatabaseFromFutureError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(
      `This database was written by a newer Packbench (schema ${found}; this version knows up to ${known}). ` +
        'Update Packbench on this station; the data was left untouched.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export interface OpenOptions {
  /** A better-sqlite3 .node file built for the running runtime (Electron has another ABI than Node). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

/** Opens (creating if needed) the station database, sets its pragmas and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a write the station acknowledged (a scan, a queued marketplace write) survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, list: readonly Migration[]): void {
  const known = list.length === 0 ? 0 : list[list.length - 1]!.version;
  const current = schemaVersion(db);
  if (current > known) throw new DatabaseFromFutureError(current, known);
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
