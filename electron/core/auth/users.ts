import { type Role, type SessionUser } from '../../../shared/contract';
import type { PinRefusalDetails } from '../../../shared/contract/pin-refusal';
import type { AuditEntry } from '../audit';
import type { Db } from '../db/database';
import { hashPin, pinLookup, pinMatches } from './pin';
import { PinThrottle } from './pin-throttle';
import { Conflict, Forbidden, NotFound } from '../errors/domain-errors';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  pin_hash: string;
  pin_lookup: string | null;
  active: number;
  created_at: number;
}

export interface UserRecord extends SessionUser {
  active: boolean;
  createdAt: number;
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  active: row.active === 1,
  createdAt: row.created_at,
});
const toUser = (row: UserRow): SessionUser => ({ id: row.id, name: row.name, role: row.role });

/**
 * A fresh station gets one packer and one supervisor so it can be used at once; the README lists their PINs, and the
 * first supervisor to sign in with them is made to replace both.
 */
const DEMO_USERS = [
  { name: 'Packer', role: 'packer', pin: '1111' },
  { name: 'Supervisor', role: 'supervisor', pin: '9999' },
] as const;

const DEMO_PINS: ReadonlySet<string> = new Set(DEMO_USERS.map((user) => user.pin));

/** Why a PIN was asked for, as the audit log records it: signing in, or a supervisor's PIN inside a pack call. */
export type PinPurpose = 'session.login' | 'pack.override' | 'pack.linkBarcode' | 'pack.releaseHold';

/** Refused without saying whose PIN it is or whether it is a demo PIN: choosing a PIN never reveals another's. */
const PIN_UNUSABLE = 'This PIN cannot be used: choose another.';
const UNUSABLE_DETAILS: PinRefusalDetails = { reason: 'pin_unusable' };

const waitText = (ms: number) => `${Math.ceil(ms / 1000)} s`;

function lockedOut(waitMs: number, wrongNow: boolean): Forbidden {
  return new Forbidden(
    `${wrongNow ? 'Wrong PIN. ' : ''}Too many wrong PINs at this desk: try again in ${waitText(waitMs)}.`,
    { reason: 'pin_throttled', retryAfterMs: waitMs } satisfies PinRefusalDetails,
  );
}

export class Users {
  private readonly throttle: PinThrottle;
  private readonly key: Buffer;
  private pendingAudit: AuditEntry[] = [];
  private auditWritten: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly audit: (entry: AuditEntry) => void = () => {},
  ) {
    this.throttle = new PinThrottle(now);
    this.key = (db.prepare("SELECT key FROM station_keys WHERE name = 'pin-lookup'").get() as { key: Buffer }).key;
  }

  async seedIfEmpty(): Promise<void> {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    if (n > 0) return this.findLegacyDemoPins();
    const hashes = await Promise.all(DEMO_USERS.map((user) => hashPin(user.pin)));
    this.db.transaction(() => {
      DEMO_USERS.forEach((user, index) => this.insert(user.name, user.role, user.pin, hashes[index]!));
    })();
  }

  /** Adds a user; `record` runs in the same transaction (the audit row of the change). */
  async create(
    name: string,
    role: Role,
    pin: string,
    record: (user: SessionUser) => void = () => {},
  ): Promise<SessionUser> {
    await this.refuseUnusable(pin, null);
    const hash = await hashPin(pin);
    return this.unique(() =>
      this.db.transaction(() => {
        if (this.byName(name)) throw new Conflict(`There is already a user named ${name}.`);
        const user = this.insert(name, role, pin, hash);
        record(user);
        return user;
      })(),
    );
  }

  list(): UserRecord[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY active DESC, name COLLATE NOCASE').all() as UserRow[]).map(
      toRecord,
    );
  }

  get(id: number): UserRecord {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) throw new NotFound(`There is no user ${id}.`);
    return toRecord(row);
  }

  /**
   * Renames, changes the role of, or (de)activates a user. A deactivated user keeps their rows in the audit log but
   * can no longer sign in. The station must keep one active supervisor, or nobody could manage it any more.
   */
  update(id: number, change: { name?: string; role?: Role; active?: boolean }): UserRecord {
    const before = this.get(id);
    const after = { ...before, ...change };
    if (change.name !== undefined && change.name !== before.name && this.byName(change.name)) {
      throw new Conflict(`There is already a user named ${change.name}.`);
    }
    const losesSupervisor =
      before.active && before.role === 'supervisor' && (!after.active || after.role !== 'supervisor');
    if (losesSupervisor && this.activeSupervisors() <= 1) {
      throw new Conflict('This is the last active supervisor: add another supervisor first.');
    }
    this.db
      .prepare('UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?')
      .run(after.name, after.role, after.active ? 1 : 0, id);
    return this.get(id);
  }

  /** Replaces a user's PIN; `record` runs in the same transaction (the audit row of the change). */
  async setPin(id: number, pin: string, record: () => void = () => {}): Promise<UserRecord> {
    const user = this.get(id);
    await this.refuseUnusable(pin, id);
    const hash = await hashPin(pin);
    this.unique(() =>
      this.db.transaction(() => {
        this.db
          .prepare('UPDATE users SET pin_hash = ?, pin_lookup = ? WHERE id = ?')
          .run(hash, pinLookup(pin, this.key), id);
        record();
      })(),
    );
    return user;
  }

  /**
   * Users from before migration 15 have no lookup until they sign in; those still on a demo PIN get theirs now, so
   * the first supervisor to sign in is asked to replace every demo PIN, not only their own.
   */
  private async findLegacyDemoPins(): Promise<void> {
    const legacy = this.db.prepare('SELECT * FROM users WHERE pin_lookup IS NULL AND active = 1').all() as UserRow[];
    for (const row of legacy) {
      for (const pin of DEMO_PINS) {
        if (!(await pinMatches(pin, row.pin_hash))) continue;
        this.db
          .prepare('UPDATE users SET pin_lookup = ? WHERE id = ? AND pin_lookup IS NULL')
          .run(pinLookup(pin, this.key), row.id);
        break;
      }
    }
  }

  /** Active users who still sign in with a demo PIN (found by lookup, no scrypt). */
  demoPinUsers(): SessionUser[] {
    const lookups = [...DEMO_PINS].map((pin) => pinLookup(pin, this.key));
    const rows = this.db
      .prepare(`SELECT * FROM users WHERE active = 1 AND pin_lookup IN (${lookups.map(() => '?').join(', ')})`)
      .all(...lookups) as UserRow[];
    return rows.map(toUser);
  }

  /**
   * The one way a PIN is checked, for signing in and for a supervisor's PIN inside a call: throttled (see
   * PinThrottle), every wrong PIN and every attempt during a wait audited, scrypt off the event loop and run once.
   * With a role, a PIN of another role counts as wrong.
   */
  async checkPin(pin: string, purpose: PinPurpose, role?: Role): Promise<SessionUser> {
    const wait = this.throttle.waitMs();
    if (wait > 0) {
      await this.auditPin({ action: 'pin.refused', userId: null, details: { purpose, retryAfterMs: wait } });
      throw lockedOut(wait, false);
    }
    // Counted before anything is awaited, so PINs sent in parallel cannot slip past the limit while one is checked.
    const waitStarted = this.throttle.fail();
    const user = await this.findByPin(pin);
    if (user && (!role || user.role === role)) {
      this.throttle.succeed();
      return user;
    }
    await this.auditPin({
      action: 'pin.failed',
      userId: null,
      details: { purpose, failures: this.throttle.consecutiveFailures, waitMs: waitStarted },
    });
    if (waitStarted > 0) throw lockedOut(waitStarted, true);
    throw new Forbidden(
      role === 'supervisor' ? 'That PIN is not a supervisor’s.' : 'That PIN does not match any user.',
      { reason: role === 'supervisor' ? 'pin_not_supervisor' : 'pin_wrong' } satisfies PinRefusalDetails,
    );
  }

  /**
   * Records a PIN failure before its caller is answered, but a burst of them (a guessing script sends many at once)
   * in one transaction: one disk sync for the burst instead of one per guess, which would hold up every other call.
   */
  private auditPin(entry: AuditEntry): Promise<void> {
    this.pendingAudit.push(entry);
    this.auditWritten ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.auditWritten = null;
        const rows = this.pendingAudit.splice(0);
        try {
          this.db.transaction(() => rows.forEach((row) => this.audit(row)))();
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    );
    return this.auditWritten;
  }

  /** How long the desk must wait before a PIN is checked again (the lock screen counts it down). */
  pinWaitMs(): number {
    return this.throttle.waitMs();
  }

  static isDemoPin(pin: string): boolean {
    return DEMO_PINS.has(pin);
  }

  private insert(name: string, role: Role, pin: string, hash: string): SessionUser {
    const info = this.db
      .prepare('INSERT INTO users (name, role, pin_hash, pin_lookup, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, role, hash, pinLookup(pin, this.key), this.now());
    return { id: Number(info.lastInsertRowid), name, role };
  }

  /** Two supervisors choosing the same PIN at once: the unique lookup index refuses the second, in the same words. */
  private unique<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String(error).includes('pin_lookup'))
        throw new Conflict(PIN_UNUSABLE, UNUSABLE_DETAILS);
      throw error;
    }
  }

  private async refuseUnusable(pin: string, forUser: number | null): Promise<void> {
    const holder = await this.findByPin(pin, false);
    if (DEMO_PINS.has(pin) || (holder && holder.id !== forUser)) throw new Conflict(PIN_UNUSABLE, UNUSABLE_DETAILS);
  }

  /**
   * The user with this PIN: one index lookup by the keyed hash, then scrypt on that row alone. Rows from before
   * migration 15 have no lookup yet and are checked one by one until each has signed in once.
   */
  private async findByPin(pin: string, activeOnly = true): Promise<SessionUser | null> {
    const lookup = pinLookup(pin, this.key);
    const active = activeOnly ? 'AND active = 1' : '';
    const row = this.db.prepare(`SELECT * FROM users WHERE pin_lookup = ? ${active}`).get(lookup) as
      | UserRow
      | undefined;
    if (row) return (await pinMatches(pin, row.pin_hash)) ? toUser(row) : null;
    for (const legacy of this.db.prepare(`SELECT * FROM users WHERE pin_lookup IS NULL ${active}`).all() as UserRow[]) {
      if (!(await pinMatches(pin, legacy.pin_hash))) continue;
      this.db.prepare('UPDATE users SET pin_lookup = ? WHERE id = ? AND pin_lookup IS NULL').run(lookup, legacy.id);
      return toUser(legacy);
    }
    return null;
  }

  private byName(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE name = ? COLLATE NOCASE').get(name) !== undefined;
  }

  private activeSupervisors(): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM users WHERE active = 1 AND role = 'supervisor'").get() as { n: number }
    ).n;
  }
}
