import { ContractError, type Role, type SessionUser } from '../../../shared/contract';
import type { Db } from '../db/database';
import { hashPin, pinMatches } from './pin';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
  created_at: number;
}

export interface UserRecord extends SessionUser {
  active: boolean;
  createdAt: number;
}

const toRecord = (row: UserRow): UserRecord => ({ id: row.id, name: row.name, role: row.role, active: row.active === 1, createdAt: row.created_at });

/**
 * A fresh station gets one packer and one supervisor so it can be used at once; the README lists their PINs and
 * Settings is where a supervisor replaces them.
 */
export const DEMO_USERS = [
  { name: 'Packer', role: 'packer', pin: '1111' },
  { name: 'Supervisor', role: 'supervisor', pin: '9999' },
] as const;

export class Users {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  seedIfEmpty(): void {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    if (n > 0) return;
    this.db.transaction(() => {
      for (const user of DEMO_USERS) this.create(user.name, user.role, user.pin);
    })();
  }

  create(name: string, role: Role, pin: string): SessionUser {
    if (this.findByPin(pin)) throw new ContractError('conflict', 'Another user already has this PIN.');
    if (this.byName(name)) throw new ContractError('conflict', `There is already a user named ${name}.`);
    const info = this.db
      .prepare('INSERT INTO users (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(name, role, hashPin(pin), this.now());
    return { id: Number(info.lastInsertRowid), name, role };
  }

  list(): UserRecord[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY active DESC, name COLLATE NOCASE').all() as UserRow[]).map(toRecord);
  }

  get(id: number): UserRecord {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) throw new ContractError('not_found', `There is no user ${id}.`);
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
      throw new ContractError('conflict', `There is already a user named ${change.name}.`);
    }
    const losesSupervisor = before.active && before.role === 'supervisor' && (!after.active || after.role !== 'supervisor');
    if (losesSupervisor && this.activeSupervisors() <= 1) {
      throw new ContractError('conflict', 'This is the last active supervisor: add another supervisor first.');
    }
    this.db.prepare('UPDATE users SET name = ?, role = ?, active = ? WHERE id = ?').run(after.name, after.role, after.active ? 1 : 0, id);
    return this.get(id);
  }

  setPin(id: number, pin: string): UserRecord {
    const user = this.get(id);
    const holder = this.findByPin(pin);
    if (holder && holder.id !== id) throw new ContractError('conflict', 'Another user already has this PIN.');
    this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hashPin(pin), id);
    return user;
  }

  private byName(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE name = ? COLLATE NOCASE').get(name) !== undefined;
  }

  private activeSupervisors(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM users WHERE active = 1 AND role = 'supervisor'").get() as { n: number }).n;
  }

  findByPin(pin: string): SessionUser | null {
    const rows = this.db.prepare('SELECT * FROM users WHERE active = 1').all() as UserRow[];
    const row = rows.find((candidate) => pinMatches(pin, candidate.pin_hash));
    return row ? { id: row.id, name: row.name, role: row.role } : null;
  }
}
