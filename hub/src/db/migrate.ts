import type { Pool } from './pool';
import { inTransaction } from './pool';
import { hubMigrations, type HubMigration } from './migrations';

export class HubDatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The hub database is at schema version ${found}, newer than this hub knows (${known}): update the hub; the database was left untouched.`,
    );
    this.name = 'HubDatabaseFromFutureError';
  }
}

/** Any number will do as long as it is this hub's alone: it keeps two hubs starting at once from migrating twice. */
const MIGRATION_LOCK = 0x7061636b;

/**
 * Applies the migrations this database lacks, all in one transaction (PostgreSQL's DDL is transactional, so a failing
 * migration leaves the database as it found it); refuses a database from a newer hub untouched.
 */
export async function migrate(pool: Pool, list: readonly HubMigration[] = hubMigrations): Promise<number> {
  const known = list.at(-1)?.version ?? 0;
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM hub_schema_versions',
    );
    const current = rows[0]?.version ?? 0;
    if (current > known) throw new HubDatabaseFromFutureError(current, known);
    for (const migration of list) {
      if (migration.version <= current) continue;
      await client.query(migration.up);
      await client.query('INSERT INTO hub_schema_versions (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    }
    return known;
  });
}
