import type { SessionUser } from '../../../shared/contract';
import type { AuditEntry } from '../audit/audit-log';
import type { Users } from '../auth/users';
import type { Settings } from '../config/settings';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import type { LanStatus } from '../server/lan-status';

/** Who is signed in at this desk. One station is one desk, so the session belongs to the station, not a window. */
export class Session {
  user: SessionUser | null = null;
}

/** What feature handlers may use. Each feature receives this and nothing else from the station. */
export interface StationServices {
  db: Db;
  settings: Settings;
  users: Users;
  bus: EventBus;
  session: Session;
  /** The read-only LAN view's listener, when the lan.enabled setting has it running. */
  lan: LanStatus;
  stationId: string;
  dataDir: string;
  runtime: 'electron' | 'browser';
  version: string;
  now: () => number;
  audit(entry: AuditEntry): void;
  /** Registers work to stop when the station closes (servers, timers, workers), run in reverse order. */
  onClose(stop: () => void | Promise<void>): void;
}
