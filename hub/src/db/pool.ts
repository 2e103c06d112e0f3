import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** A pool or one client inside a transaction: store functions take either. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

// BIGINT (Unix ms) arrives as a string by default: every BIGINT here is a time or a count well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * `asyncCommit`: the pool's commits return before their WAL reaches the disk. Only for claims and renewals of leases:
 * they stay durable through any crash of the hub process (the server keeps them), and what a power cut of the database
 * machine can take (its last fraction of a second) a desk learns at its next renewal and claims again. Writes,
 * releases and orders always use the durable pool.
 */
export function openPool(url: string, options: { max?: number; asyncCommit?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    ...(options.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
  });
  // An idle client whose server went away must not crash the hub; the next query reports it.
  pool.on('error', (error) => console.error(`hub database: ${error.message}`));
  return pool;
}

/** Runs `fn` in one transaction on one client; rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no pool listener: a server going away between two queries arrives as an 'error' event,
  // which would end the hub. The transaction's next query fails with it anyway, so the event itself is only noted.
  let lost: Error | undefined;
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    client.release(lost ?? false);
  }
}
