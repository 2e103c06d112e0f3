import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  closeDatabase,
  DatabaseFromFutureError,
  openDatabase,
  schemaVersion,
} from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'packbench-db-')), 'test.sqlite');

describe('database', () => {
  it('opens in WAL mode with foreign keys on and every migration applied', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    closeDatabase(db);
  });

  it('gives the disk back after a big write: the write-ahead log shrinks to 16 MB once it was copied back', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE big (payload BLOB)');
    const insert = db.prepare('INSERT INTO big VALUES (randomblob(1000000))');
    db.transaction(() => {
      for (let i = 0; i < 40; i += 1) insert.run();
    })();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(40_000_000);
    db.pragma('wal_checkpoint(PASSIVE)');
    db.exec('DELETE FROM big');
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(16 * 1024 * 1024);
    closeDatabase(db);
  });

  it('reopens an up-to-date database without reapplying anything', () => {
    const file = tempFile();
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 0)").run();
    closeDatabase(first);
    const second = openDatabase(file);
    expect(second.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
    closeDatabase(second);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    closeDatabase(db);
    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
  });

  it('rolls back a failing migration as a whole', () => {
    const file = tempFile();
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up: 'CREATE TABLE half (id INTEGER); SELECT nonsense FROM nowhere;',
      },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    closeDatabase(db);
  });
});
