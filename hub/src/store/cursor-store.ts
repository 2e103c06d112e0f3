import type { Queryable } from '../db/pool';

/** A shop's place in the pull: during the first walk, the status index and where its walk resumes; after, update_time. */
export interface ShopCursor {
  shopId: string;
  statusIndex: number;
  resumeFrom: number | null;
  /** The shop's newest update_time when its first walk began: the incremental cursor once the walk is done. */
  walkCursor: number | null;
  /** Null until the first walk finished. */
  updateTime: number | null;
}

export async function readCursor(db: Queryable, shopId: string): Promise<ShopCursor | null> {
  const { rows } = await db.query<{
    status_index: number;
    resume_from: number | null;
    walk_cursor: number | null;
    update_time: number | null;
  }>('SELECT status_index, resume_from, walk_cursor, update_time FROM shop_cursors WHERE shop_id = $1', [shopId]);
  const row = rows[0];
  return row
    ? {
        shopId,
        statusIndex: row.status_index,
        resumeFrom: row.resume_from,
        walkCursor: row.walk_cursor,
        updateTime: row.update_time,
      }
    : null;
}

export async function startWalk(db: Queryable, shopId: string, walkCursor: number, now: number): Promise<ShopCursor> {
  await db.query(
    `INSERT INTO shop_cursors (shop_id, status_index, resume_from, walk_cursor, update_time, updated_at) VALUES ($1, 0, NULL, $2, NULL, $3)
     ON CONFLICT (shop_id) DO NOTHING`,
    [shopId, walkCursor, now],
  );
  return (await readCursor(db, shopId))!;
}

/** Records how far the first walk got (call in the page's transaction). */
export async function advanceWalk(
  db: Queryable,
  shopId: string,
  statusIndex: number,
  resumeFrom: number | null,
  now: number,
): Promise<void> {
  await db.query('UPDATE shop_cursors SET status_index = $2, resume_from = $3, updated_at = $4 WHERE shop_id = $1', [
    shopId,
    statusIndex,
    resumeFrom,
    now,
  ]);
}

export async function finishWalk(db: Queryable, shopId: string, now: number): Promise<void> {
  await db.query(
    'UPDATE shop_cursors SET update_time = walk_cursor, resume_from = NULL, updated_at = $2 WHERE shop_id = $1',
    [shopId, now],
  );
}

/** Moves the incremental cursor forward, never back (call in the page's transaction). */
export async function advanceCursor(db: Queryable, shopId: string, newest: number, now: number): Promise<void> {
  await db.query(
    'UPDATE shop_cursors SET update_time = GREATEST(update_time, $2), updated_at = $3 WHERE shop_id = $1',
    [shopId, newest, now],
  );
}
