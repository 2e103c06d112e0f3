import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../db/database';
import type { PhotoStore } from './photo-store';
import { NotFound } from '../errors/domain-errors';

export interface EvidenceEntry {
  name: string;
  size: number;
  sha256: string;
}

export interface EvidenceResult {
  file: string;
  size: number;
  sha256: string;
  entries: EvidenceEntry[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
/** Columns that may name a file the station wrote (a label image, a printed PDF). */
const FILE_COLUMN = /(^|_)(file|path)$/;

/**
 * Everything the station knows about one order, for a dispute: the order as pulled, every row of every table that
 * records it (scans, holds, print jobs, manifest scans, audit...), its photos, the files those rows point at inside
 * the data folder (label images), its handover manifests and its sync history, zipped with a checksum manifest.
 * Tables are found by their order_id column, so features added later are exported without changing this.
 */
export function exportEvidence(
  db: Db,
  dataDir: string,
  photos: PhotoStore,
  orderId: string,
  now: number,
): EvidenceResult {
  const order = db.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as Record<string, unknown> | undefined;
  if (!order) throw new NotFound(`There is no order ${orderId}.`);
  const files: Record<string, Uint8Array> = {};
  const add = (name: string, bytes: Uint8Array) => (files[name] = bytes);

  add(
    'order.json',
    json({ ...order, raw: safeParse(order.raw as string), recipient: safeParse(order.recipient as string) }),
  );
  add('packages.json', json(db.prepare('SELECT * FROM packages WHERE order_id = ?').all(orderId)));

  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('orders', 'packages') AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as Array<{ name: string }>;
  const dataRoot = resolve(dataDir);
  for (const { name } of tables) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'order_id')) continue;
    const rows = db.prepare(`SELECT * FROM "${name}" WHERE order_id = ? ORDER BY rowid`).all(orderId) as Array<
      Record<string, unknown>
    >;
    if (rows.length === 0) continue;
    add(`records/${name}.json`, json(rows));
    for (const row of rows) {
      for (const column of columns.filter((c) => FILE_COLUMN.test(c.name))) {
        const value = row[column.name];
        if (typeof value !== 'string' || name === 'photos') continue;
        const path = resolve(dataRoot, value);
        if (!path.startsWith(dataRoot) || !existsSync(path) || !statSync(path).isFile()) continue;
        add(`files/${relative(dataRoot, path).replace(/\\/g, '/')}`, readFileSync(path));
      }
    }
  }

  for (const photo of photos.list({ orderId }).photos) add(`photos/${basename(photo.file)}`, photos.read(photo));

  const manifestIds = db
    .prepare(
      `SELECT DISTINCT m.id FROM manifests m JOIN pickup_parcels pp ON pp.pickup_id = m.pickup_id WHERE pp.order_id = ?
       UNION SELECT DISTINCT s.manifest_id FROM manifest_scans s JOIN packages p ON p.id = s.package_id WHERE p.order_id = ?`,
    )
    .all(orderId, orderId) as Array<{ id: number }>;
  for (const { id } of manifestIds) {
    add(
      `manifests/manifest-${id}.json`,
      json({
        manifest: db.prepare('SELECT * FROM manifests WHERE id = ?').get(id),
        pickup: db.prepare('SELECT p.* FROM pickups p JOIN manifests m ON m.pickup_id = p.id WHERE m.id = ?').get(id),
        scans: db.prepare('SELECT * FROM manifest_scans WHERE manifest_id = ? ORDER BY id').all(id),
      }),
    );
    for (const photo of photos.list({ manifestId: id }).photos)
      add(`manifests/${basename(photo.file)}`, photos.read(photo));
  }

  add(
    'sync-history.json',
    json(
      (
        db.prepare('SELECT * FROM outbox WHERE order_id = ? ORDER BY id').all(orderId) as Array<Record<string, unknown>>
      ).map((row) => ({
        ...row,
        payload: safeParse(row.payload as string),
        attempts: db
          .prepare(
            'SELECT at, result, code, message, request_id, duration_ms FROM outbox_attempts WHERE outbox_id = ? ORDER BY at, id',
          )
          .all(row.id),
      })),
    ),
  );

  const entries = Object.entries(files)
    .map(([name, bytes]) => ({ name, size: bytes.length, sha256: sha256(bytes) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const checksums = `${entries.map((e) => `${e.sha256}  ${e.name}`).join('\n')}\n`;
  const zippable: Zippable = {
    ...files,
    SHA256SUMS: strToU8(checksums),
    'manifest.json': json({ orderId, exportedAt: new Date(now).toISOString(), entries }),
  };
  const zip = zipSync(zippable, { level: 6, mtime: new Date(now) });

  const dir = join(dataDir, 'evidence');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `evidence-${orderId.replace(/[^\w-]/g, '_')}-${now}.zip`);
  writeFileSync(file, zip);
  return { file, size: zip.length, sha256: sha256(zip), entries };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
