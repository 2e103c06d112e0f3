import type { Db } from '../db/database';

/**
 * Whether another feature's table exists with the columns a dashboard panel reads. Those tables arrive with other
 * features' migrations; a panel whose table is missing says so instead of failing the whole dashboard.
 */
export function hasColumns(db: Db, table: string, columns: readonly string[]): boolean {
  const present = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
  return present.size > 0 && columns.every((column) => present.has(column));
}

export const notAvailable = (table: string) => ({
  available: false as const,
  reason: `${table} is not available on this station yet.`,
});
