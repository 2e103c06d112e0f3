import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../../electron/core/db/database';
import { exportEvidence } from '../../../electron/core/photos/evidence-export';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { PhotoStore } from '../../../electron/core/photos/photo-store';
import { Unavailable } from '../../../electron/core/errors/domain-errors';
import { TINY_JPEG } from '../../support/jpeg';
import { seedOrders, tempDb } from '../../support/sync-fixtures';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('photo store', () => {
  let db: Db;
  let dir: string;
  beforeEach(() => {
    ({ db, dir } = tempDb());
    seedOrders(db, ['o1', 'o2']);
  });
  afterEach(() => closeDatabase(db));

  it('keeps the JPEG under photos/ with its checksum, size, time, station, user and order', () => {
    db.prepare(`INSERT INTO users (id, name, role, pin_hash, created_at) VALUES (1, 'Pat', 'packer', 'x', 0)`).run();
    const store = new PhotoStore(db, dir, 'desk-7', () => 1_700_000_000_000);
    const photo = store.save(TINY_JPEG, { purpose: 'pack', orderId: 'o1', userId: 1 });
    expect(photo).toMatchObject({
      purpose: 'pack',
      orderId: 'o1',
      sha256: sha(TINY_JPEG),
      size: TINY_JPEG.length,
      takenAt: 1_700_000_000_000,
      stationId: 'desk-7',
      userId: 1,
    });
    expect(readFileSync(join(dir, 'photos', photo.file))).toEqual(TINY_JPEG);
    expect(store.read(photo)).toEqual(TINY_JPEG);
    expect(store.list({ orderId: 'o1' }).photos).toEqual([photo]);
  });

  it('refuses what is not a JPEG, and a photo of an order it does not know', () => {
    const store = new PhotoStore(db, dir, 'desk-7');
    expect(() =>
      store.save(Buffer.from('GIF89a not a jpeg at all'), { purpose: 'pack', orderId: 'o1', userId: null }),
    ).toThrow(/not a JPEG/);
    expect(() => store.save(TINY_JPEG, { purpose: 'pack', orderId: 'nope', userId: null })).toThrow(/no order nope/);
  });

  it('says the disk is full, keeps no row and no partial file, and works again once there is space', () => {
    let full = true;
    const store = new PhotoStore(db, dir, 'desk-7', Date.now, (path, bytes) => {
      if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      writeFileSync(path, bytes);
    });
    let error: unknown;
    try {
      store.save(TINY_JPEG, { purpose: 'pack', orderId: 'o1', userId: null });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Unavailable);
    expect(error).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/disk is full.*Nothing was lost/),
    });
    expect(db.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 0 });
    const files = existsSync(join(dir, 'photos'))
      ? readdirSync(join(dir, 'photos'), { recursive: true }).filter((f) => String(f).endsWith('.jpg'))
      : [];
    expect(files).toEqual([]);
    full = false;
    expect(store.save(TINY_JPEG, { purpose: 'pack', orderId: 'o1', userId: null }).size).toBe(TINY_JPEG.length);
  });

  it('records why there is no photo', () => {
    const store = new PhotoStore(db, dir, 'desk-7');
    store.recordMiss('no camera connected', { purpose: 'pack', orderId: 'o2', userId: null });
    expect(store.list({ orderId: 'o2' })).toMatchObject({
      photos: [],
      misses: [{ reason: 'no camera connected', purpose: 'pack' }],
    });
  });

  it('refuses to hand out a photo whose file changed since it was taken', () => {
    const store = new PhotoStore(db, dir, 'desk-7');
    const photo = store.save(TINY_JPEG, { purpose: 'pack', orderId: 'o1', userId: null });
    writeFileSync(join(dir, 'photos', photo.file), Buffer.concat([TINY_JPEG, Buffer.from([0])]));
    expect(() => store.read(photo)).toThrow(/checksum mismatch/);
  });
});

describe('evidence export', () => {
  it('zips the order, its records, photos, label file and sync history with a checksum manifest', () => {
    const { db, dir } = tempDb();
    seedOrders(db, ['o1', 'o2']);
    const store = new PhotoStore(db, dir, 'desk-7');
    const photo = store.save(TINY_JPEG, { purpose: 'pack', orderId: 'o1', userId: null });
    store.save(TINY_JPEG, { purpose: 'pack', orderId: 'o2', userId: null });
    db.prepare(
      `INSERT INTO audit_log (at, station_id, action, order_id) VALUES (1, 'desk-7', 'pack.scan', 'o1')`,
    ).run();
    // A feature's own table that points at a file in the data folder (as a label store would).
    db.exec('CREATE TABLE label_files (id INTEGER PRIMARY KEY, order_id TEXT, file TEXT)');
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'labels', 'o1.png'), 'PNG-BYTES');
    db.prepare(`INSERT INTO label_files (order_id, file) VALUES ('o1', 'labels/o1.png')`).run();
    db.transaction(() =>
      enqueueWrite(db, {
        kind: 'ship.seller',
        orderId: 'o1',
        packageId: 'pkg-o1',
        trackingNumber: '1Z999AA10123456784',
        shippingProviderId: 'ups',
      }),
    )();

    const result = exportEvidence(db, dir, store, 'o1', 1_700_000_000_000);
    const zip = unzipSync(readFileSync(result.file));
    expect(sha(readFileSync(result.file))).toBe(result.sha256);
    expect(Object.keys(zip).sort()).toEqual(
      [
        'SHA256SUMS',
        'files/labels/o1.png',
        'manifest.json',
        'order.json',
        'packages.json',
        `photos/${photo.file.split('/').pop()}`,
        'records/audit_log.json',
        'records/label_files.json',
        'records/order_lines.json',
        'records/outbox.json',
        'records/photos.json',
        'sync-history.json',
      ].sort(),
    );
    for (const entry of result.entries) expect(sha(zip[entry.name]!)).toBe(entry.sha256);
    expect(strFromU8(zip['SHA256SUMS']!)).toContain(`${sha(TINY_JPEG)}  photos/`);
    expect(JSON.parse(strFromU8(zip['sync-history.json']!))[0]).toMatchObject({
      kind: 'ship.seller',
      state: 'pending',
      attempts: [],
    });
    closeDatabase(db);
  });
});
