import { dirname } from 'node:path';

export type DatabaseFaultKind = 'full' | 'read_only' | 'corrupt' | 'newer';

/**
 * A database problem the people at the desk can act on, said once in plain words: which file, what is wrong, what
 * to do. SQLite's own words ("database or disk is full", "file is not a database") name neither.
 */
export class DatabaseFault extends Error {
  constructor(
    readonly kind: DatabaseFaultKind,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseFault';
  }
}

export function faultMessage(kind: DatabaseFaultKind, file: string, detail = ''): string {
  const folder = dirname(file);
  switch (kind) {
    case 'full':
      return `The disk that holds the database ${file} is full, so nothing was saved. Free space on that disk, then try again.`;
    case 'read_only':
      return `Packbench cannot write to its database ${file}: the file or its folder ${folder} is read-only. Give this user write access to it, or set PACKBENCH_DATA_DIR to a writable folder.`;
    case 'corrupt':
      return `The database ${file} is damaged or is not a Packbench database; it was left exactly as it was. Restore it from a backup, or move it out of ${folder} to start this station empty.`;
    case 'newer':
      return `The database ${file} was written by a newer Packbench (${detail}); it was left exactly as it was. Update Packbench on this station.`;
  }
}

const CODES: ReadonlyArray<[RegExp, DatabaseFaultKind]> = [
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_(READONLY|CANTOPEN|PERM)/, 'read_only'],
  [/^(EACCES|EROFS|EPERM)$/, 'read_only'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'corrupt'],
];

/** The fault an error from SQLite (or the file system under it) stands for, or null when it is something else. */
export function databaseFault(error: unknown, file: string): DatabaseFault | null {
  if (error instanceof DatabaseFault) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const kind = CODES.find(([pattern]) => pattern.test(code))?.[1];
  return kind ? new DatabaseFault(kind, file, faultMessage(kind, file)) : null;
}
