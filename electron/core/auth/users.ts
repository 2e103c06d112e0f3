import { ContractError, type Role, type SessionUser } from '../../../shared/contract';
import type { Db } from '../db/database';
import { hashPin, pinMatches } from './pin';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  pin_hash: string;
}

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
    const info = this.db
      .prepare('INSERT INTO users (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(name, role, hashPin(pin), this.now());
    return { id: Number(info.lastInsertRowid), name, role };
  }

  findByPin(pin: string): SessionUser | null {
    const rows = this.db.prepare('SELECT id, name, role, pin_hash FROM users WHERE active = 1').all() as UserRow[];
    const row = rows.find((candidate) => pinMatches(pin, candidate.pin_hash));
    return row ? { id: row.id, name: row.name, role: row.role } : null;
  }
}
