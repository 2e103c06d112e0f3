import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PhotoInfo, PhotoMiss, PhotoPurpose } from '../../../shared/contract/photos';
import type { Db } from '../db/database';
import { Conflict, InvalidRequest, NotFound, Unavailable } from '../errors/domain-errors';

export interface PhotoSubject {
  orderId?: string | undefined;
  manifestId?: number | undefined;
}

export interface PhotoMeta extends PhotoSubject {
  purpose: PhotoPurpose;
  userId: number | null;
}

interface PhotoRow {
  id: number;
  file: string;
  sha256: string;
  size: number;
  taken_at: number;
  station_id: string;
  user_id: number | null;
  purpose: PhotoPurpose;
  order_id: string | null;
  manifest_id: number | null;
}

const MAX_BYTES = 8 * 1024 * 1024;
/** Errors that mean the disk (not the photo) is the problem: the packer frees space and retries. */
const DISK_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);

const toInfo = (row: PhotoRow): PhotoInfo => ({
  id: row.id,
  purpose: row.purpose,
  orderId: row.order_id,
  manifestId: row.manifest_id,
  sha256: row.sha256,
  size: row.size,
  takenAt: row.taken_at,
  stationId: row.station_id,
  userId: row.user_id,
  file: row.file,
});

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Parcel and handover photos: JPEG files under <dataDir>/photos, each with its checksum and context in SQLite. */
export class PhotoStore {
  readonly root: string;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly stationId: string,
    private readonly now: () => number = Date.now,
    /** Replaceable so a test can make the disk "full". */
    private readonly writeFile: (path: string, bytes: Uint8Array) => void = writeDurably,
  ) {
    this.root = join(dataDir, 'photos');
  }

  /**
   * Writes the file first (durably, under a temporary name, then renamed) and records it second, so a row never
   * points at a missing or half-written file. A full disk is a clear error and leaves nothing behind: the caller
   * still has the picture and can retry.
   */
  save(bytes: Uint8Array, meta: PhotoMeta): PhotoInfo {
    if (!isJpeg(bytes)) throw new InvalidRequest('That is not a JPEG picture.');
    if (bytes.length > MAX_BYTES)
      throw new InvalidRequest(`The picture has ${bytes.length} bytes; at most ${MAX_BYTES} are kept.`);
    this.checkSubject(meta);
    const takenAt = this.now();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const day = new Date(takenAt).toISOString().slice(0, 10);
    const subject = meta.orderId ? `order-${meta.orderId.replace(/[^\w-]/g, '_')}` : `manifest-${meta.manifestId}`;
    const relative = join(day, `${subject}-${meta.purpose}-${takenAt}-${sha256.slice(0, 12)}.jpg`);
    const path = join(this.root, relative);
    try {
      mkdirSync(join(this.root, day), { recursive: true });
      this.writeFile(path, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (DISK_ERRORS.has(code)) {
        throw new Unavailable(
          `The photo could not be saved: the disk is full or failing (${code}). Nothing was lost: free some space, then retry.`,
          { code },
        );
      }
      throw error;
    }
    try {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO photos (file, sha256, size, taken_at, station_id, user_id, purpose, order_id, manifest_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          relative,
          sha256,
          bytes.length,
          takenAt,
          this.stationId,
          meta.userId,
          meta.purpose,
          meta.orderId ?? null,
          meta.manifestId ?? null,
        );
      return this.get(Number(lastInsertRowid))!;
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
  }

  recordMiss(reason: string, meta: PhotoMeta): PhotoMiss {
    this.checkSubject(meta);
    const at = this.now();
    const { lastInsertRowid } = this.db
      .prepare(
        'INSERT INTO photo_misses (at, station_id, user_id, purpose, order_id, manifest_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, this.stationId, meta.userId, meta.purpose, meta.orderId ?? null, meta.manifestId ?? null, reason);
    return {
      id: Number(lastInsertRowid),
      purpose: meta.purpose,
      orderId: meta.orderId ?? null,
      manifestId: meta.manifestId ?? null,
      reason,
      at,
    };
  }

  get(id: number): PhotoInfo | null {
    const row = this.db.prepare('SELECT * FROM photos WHERE id = ?').get(id) as PhotoRow | undefined;
    return row ? toInfo(row) : null;
  }

  list(subject: PhotoSubject): { photos: PhotoInfo[]; misses: PhotoMiss[] } {
    const where = subject.orderId !== undefined ? 'order_id = ?' : 'manifest_id = ?';
    const key = subject.orderId ?? subject.manifestId ?? null;
    const photos = (
      this.db.prepare(`SELECT * FROM photos WHERE ${where} ORDER BY taken_at, id`).all(key) as PhotoRow[]
    ).map(toInfo);
    const misses = (
      this.db.prepare(`SELECT * FROM photo_misses WHERE ${where} ORDER BY at, id`).all(key) as Array<{
        id: number;
        purpose: PhotoPurpose;
        order_id: string | null;
        manifest_id: number | null;
        reason: string;
        at: number;
      }>
    ).map((row) => ({
      id: row.id,
      purpose: row.purpose,
      orderId: row.order_id,
      manifestId: row.manifest_id,
      reason: row.reason,
      at: row.at,
    }));
    return { photos, misses };
  }

  /** The file's bytes, checked against the checksum recorded when it was taken. */
  read(photo: PhotoInfo): Uint8Array {
    const bytes = readFileSync(join(this.root, photo.file));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== photo.sha256)
      throw new Conflict(`Photo ${photo.id} changed on disk since it was taken (checksum mismatch).`);
    return bytes;
  }

  private checkSubject(subject: PhotoSubject): void {
    if (subject.orderId !== undefined && !this.db.prepare('SELECT 1 FROM orders WHERE id = ?').get(subject.orderId)) {
      throw new NotFound(`There is no order ${subject.orderId}.`);
    }
    if (
      subject.manifestId !== undefined &&
      !this.db.prepare('SELECT 1 FROM manifests WHERE id = ?').get(subject.manifestId)
    ) {
      throw new NotFound(`There is no manifest ${subject.manifestId}.`);
    }
    if (subject.orderId === undefined && subject.manifestId === undefined)
      throw new InvalidRequest('A photo needs an order or a manifest.');
  }
}

/** Write to a temporary name, flush to disk, then rename: a crash leaves either no file or the whole file. */
function writeDurably(path: string, bytes: Uint8Array): void {
  const partial = `${path}.partial`;
  try {
    const fd = openSync(partial, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
