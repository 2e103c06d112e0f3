import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Reads a running station's database (read-only, beside the station's own connection), as an audit would. */
export function queryStationDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'packbench.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
