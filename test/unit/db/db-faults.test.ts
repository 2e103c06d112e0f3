import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, DatabaseFromFutureError, openDatabase } from '../../../electron/core/db/database';
import { databaseFault, DatabaseFault } from '../../../electron/core/db/db-faults';
import { migrations } from '../../../electron/core/db/migrations';
import { tempStation } from '../../support/temp-station';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'packbench-db-')), 'packbench.sqlite');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Opening must fail with this kind of fault, name the file, and leave it byte for byte as it was. */
function expectRefusedUntouched(file: string, kind: DatabaseFault['kind']): DatabaseFault {
  const before = sha256(file);
  let thrown: unknown = null;
  try {
    openDatabase(file);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DatabaseFault);
  const fault = thrown as DatabaseFault;
  expect(fault.kind).toBe(kind);
  expect(fault.message).toContain(file);
  expect(sha256(file)).toBe(before);
  expect(existsSync(`${file}-wal`)).toBe(false);
  return fault;
}

describe('database faults', () => {
  it('refuses a database from a newer Packbench read-only: its rollback-journal header is not turned into WAL', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${migrations.length + 5}`);
    closeDatabase(db);
    const fault = expectRefusedUntouched(file, 'newer');
    expect(fault).toBeInstanceOf(DatabaseFromFutureError);
    expect(fault.message).toMatch(
      /newer Packbench \(schema \d+; this version knows up to \d+\); it was left exactly as it was\. Update Packbench/,
    );
  });

  it('refuses a file that is not a database, and one whose pages are cut off, leaving both as they were', () => {
    const text = tempFile();
    writeFileSync(text, 'these are not the bytes of a database '.repeat(200));
    expect(expectRefusedUntouched(text, 'corrupt').message).toMatch(
      /is damaged or is not a Packbench database; it was left exactly as it was\. Restore it from a backup, or move it out of /,
    );

    const cut = tempFile();
    const db = openDatabase(cut);
    db.pragma('journal_mode = DELETE');
    closeDatabase(db);
    writeFileSync(cut, readFileSync(cut).subarray(0, 4096 + 512));
    expectRefusedUntouched(cut, 'corrupt');
  });

  it('says a folder it cannot create its database in is read-only, naming the file and what to do', () => {
    const notAFolder = tempFile();
    writeFileSync(notAFolder, '');
    const file = join(notAFolder, 'packbench.sqlite');
    expect(() => openDatabase(file)).toThrow(DatabaseFault);
    expect(() => openDatabase(file)).toThrow(
      `Packbench cannot write to its database ${file}: the file or its folder ${notAFolder} is read-only. Give this user write access to it, or set PACKBENCH_DATA_DIR to a writable folder.`,
    );
  });

  it('maps each SQLite fault code to one message and leaves other errors alone', () => {
    const file = '/data/packbench.sqlite';
    const kinds = Object.fromEntries(
      [
        'SQLITE_FULL',
        'SQLITE_READONLY',
        'SQLITE_READONLY_DBMOVED',
        'SQLITE_CANTOPEN',
        'EACCES',
        'SQLITE_CORRUPT',
        'SQLITE_NOTADB',
        'SQLITE_CONSTRAINT_UNIQUE',
        'ENOENT',
      ].map((code) => [code, databaseFault(Object.assign(new Error('x'), { code }), file)?.kind ?? null]),
    );
    expect(kinds).toEqual({
      SQLITE_FULL: 'full',
      SQLITE_READONLY: 'read_only',
      SQLITE_READONLY_DBMOVED: 'read_only',
      SQLITE_CANTOPEN: 'read_only',
      EACCES: 'read_only',
      SQLITE_CORRUPT: 'corrupt',
      SQLITE_NOTADB: 'corrupt',
      SQLITE_CONSTRAINT_UNIQUE: null,
      ENOENT: null,
    });
  });

  describe('while the station runs', () => {
    let station: Awaited<ReturnType<typeof tempStation>> | null = null;
    afterEach(async () => {
      await station?.dispose();
      station = null;
    });

    it('answers a call on a full disk with what to do, naming the file, instead of SQLite words', async () => {
      station = await tempStation();
      await station.call('http', 'session.login', { pin: '9999' });
      const { db } = station.services;
      // The database may not grow past its present size, and what room is left is filled: the next page SQLite
      // needs fails exactly as on a full disk.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const filler = db.prepare("INSERT INTO audit_log (at, station_id, action) VALUES (0, 's', 'f')");
      expect(() => {
        for (;;) filler.run();
      }).toThrow('database or disk is full');
      const answer = await station.call('http', 'settings.update', { key: 'seller.street2', value: 'x'.repeat(190) });
      db.pragma('max_page_count = 1073741823');
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'unavailable',
          message: `The disk that holds the database ${join(station.dataDir, 'packbench.sqlite')} is full, so nothing was saved. Free space on that disk, then try again.`,
        },
      });
    });

    it('answers a call on a read-only database with what to do', async () => {
      station = await tempStation();
      await station.call('http', 'session.login', { pin: '9999' });
      station.services.db.pragma('query_only = 1');
      const answer = await station.call('http', 'settings.update', { key: 'seller.street2', value: 'Dock 4' });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: expect.stringContaining('is read-only. Give this user write access') },
      });
      station.services.db.pragma('query_only = 0');
    });
  });
});
