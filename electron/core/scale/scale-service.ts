import { type SessionUser } from '../../../shared/contract';
import type { LiveReading, ParcelWeight, WeightRefusal } from '../../../shared/contract/scale';
import { MAX_PARCEL_GRAMS, type DeskUnit } from '../../../shared/domain/weight/units';
import type { AuditEntry } from '../audit';
import type { Settings } from '../config/settings';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import { VirtualScale } from './virtual-scale';
import { ParcelWeightStore } from './weight-store';
import { Conflict, NotFound } from '../errors/domain-errors';

export interface ScaleDeps {
  db: Db;
  settings: Settings;
  bus: EventBus;
  now: () => number;
  stationId: string;
  audit(entry: AuditEntry): void;
  currentUser(): SessionUser | null;
  /** The station runs the embedded sandbox marketplace: the virtual scale is on unless scale.virtual says off. */
  sandbox: boolean;
  onClose(stop: () => void): void;
}

const REFUSAL_TEXT: Record<WeightRefusal, string> = {
  no_reading: 'No weight yet: put the parcel on the scale, or type its weight.',
  not_stable: 'The scale is not steady: wait until the weight stops moving.',
  empty_scale: 'The scale shows nothing: put the parcel on it.',
  too_heavy: `Heavier than ${MAX_PARCEL_GRAMS / 1000} kg: a parcel that heavy cannot be labelled here.`,
};

/**
 * The desk's scale: what it reads now (the UI reads the USB scale, or the virtual scale's bytes, and says so) and
 * the weight recorded with each parcel. A packer gets the weight recorded without a key press: when the last item
 * is verified, the steady reading on the scale is the parcel's weight (the box sits on the scale while it is
 * packed). Ctrl+G records the reading again (a re-weighed parcel); a weight recorded before the order was complete
 * stands, as the packer chose it.
 */
export class ScaleService {
  readonly weights: ParcelWeightStore;
  readonly virtualScale: VirtualScale;
  private live: LiveReading | null = null;

  constructor(private readonly deps: ScaleDeps) {
    this.weights = new ParcelWeightStore(deps.db);
    this.virtualScale = new VirtualScale((report) => {
      if (this.virtualRunning()) deps.bus.emit('scale.report', { report });
    });
  }

  /**
   * Listens for parcels packed at this desk. Must subscribe before the label workflow does: listeners run in the
   * order they subscribed, and the label's bytes are made (and its weight read) as soon as it is queued.
   */
  start(): void {
    const unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.name === 'pack.completed' && event.payload.stationId === this.deps.stationId)
        this.recordAtCompletion(event.payload.orderId);
    });
    this.deps.onClose(() => {
      unsubscribe();
      this.virtualScale.stop();
    });
  }

  virtualRunning(): boolean {
    const setting = this.deps.settings.string('scale.virtual');
    return setting === 'on' || (setting === 'auto' && this.deps.sandbox);
  }

  deskUnit(): DeskUnit {
    return this.deps.settings.string('scale.unit') as DeskUnit;
  }

  reading(): LiveReading | null {
    return this.live;
  }

  /** What the desk's scale says now, as the UI read it. */
  heard(reading: Omit<LiveReading, 'at'>): LiveReading {
    this.live = { ...reading, at: this.deps.now() };
    return this.live;
  }

  /** Ctrl+G at the bench: the steady reading now becomes the parcel's weight, replacing any before. */
  record(orderId: string, user: SessionUser | null): ParcelWeight {
    const refusal = this.refusal();
    if (refusal) throw new Conflict(REFUSAL_TEXT[refusal], { reason: refusal });
    return this.save(orderId, user, false);
  }

  private recordAtCompletion(orderId: string): void {
    try {
      if (this.weights.get(orderId) || this.refusal()) return;
      this.save(orderId, this.deps.currentUser(), true);
    } catch (error) {
      // A weight that cannot be kept must not stop the parcel: its label prints without it (or with the default).
      console.error(`scale: the weight of ${orderId} was not recorded:`, error);
    }
  }

  private refusal(): WeightRefusal | null {
    const live = this.live;
    if (!live) return 'no_reading';
    if (live.state === 'zero' || live.grams === 0) return 'empty_scale';
    if (live.state !== 'stable') return 'not_stable';
    if (live.grams > MAX_PARCEL_GRAMS) return 'too_heavy';
    return null;
  }

  private save(orderId: string, user: SessionUser | null, automatic: boolean): ParcelWeight {
    const live = this.live!;
    const weight = this.deps.db.transaction(() => {
      const exists = this.deps.db.prepare('SELECT 1 FROM orders WHERE id = ?').get(orderId);
      if (!exists) throw new NotFound(`Order ${orderId} is not on this station.`);
      const saved = this.weights.record({
        orderId,
        grams: live.grams,
        source: live.source,
        weighedAt: this.deps.now(),
        weighedBy: user?.id ?? null,
      });
      this.deps.audit({
        action: 'scale.recorded',
        userId: user?.id ?? null,
        orderId,
        details: { grams: saved.grams, source: saved.source, automatic },
      });
      return saved;
    })();
    // A typed weight is for one parcel; a scale keeps saying what is on it.
    if (live.source === 'typed') this.live = null;
    this.deps.bus.emit('scale.recorded', weight);
    return weight;
  }
}
