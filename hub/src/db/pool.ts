import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** A pool or one client inside a transaction: store functions take either. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

// BIGINT (Unix ms) arrives as a string by default: every BIGINT here is a time or a count well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openPool(url: string, max = 20): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client whose server went away must not crash the hub; the next query reports it.
  pool.on('error', (error) => console.error(`hub database: ${error.message}`));
  return pool;
}

/** Runs `fn` in one transaction on one client; rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
