import type { CallInput, CallName, CallOutput, Result, SessionUser } from '../../../shared/contract';
import type { AuditEntry } from '../audit';
import type { Users } from '../auth';
import type { Settings } from '../config/settings';
import type { Handlers, Transport } from '../contract/dispatch';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import type { PrintingService } from '../printing';
import type { Fulfillment } from '../fulfillment';
import type { DeskQueue } from '../hub-link';
import type { TikTokShopClient } from '../marketplace';
import type { OrderPuller } from '../orders';
import type { PhotoStore } from '../photos';
import type { HandoverSlotSource } from '../pickups';
import type { Sandbox } from '../sandbox/server';
import type { ScaleService } from '../scale';
import type { LanStatus } from '../server';
import type { SyncWorker } from '../sync';

/** Who is signed in at this desk. One station is one desk, so the session belongs to the station, not a window. */
export class Session {
  user: SessionUser | null = null;
}

/**
 * Everything the station offers its features. Each feature takes only the part it names (`Pick<StationServices,
 * ...>` in its handlers' signature), so a handler cannot reach the sandbox, the printer or the marketplace unless it
 * says so; only the station's own handlers and the registry see all of it.
 */
export interface StationServices {
  db: Db;
  settings: Settings;
  users: Users;
  bus: EventBus;
  session: Session;
  /** The read-only LAN view's listener, when the lan.enabled setting has it running. */
  lan: LanStatus;
  /** Sends the outbox to the marketplace; its status is what the status line shows. */
  sync: SyncWorker;
  /** Parcel and handover photos under <dataDir>/photos. */
  photos: PhotoStore;
  /** The marketplace's handover slots for a TikTok-shipped package. */
  handoverSlots: HandoverSlotSource;
  /**
   * The TikTok Shop client (embedded sandbox or the configured shop): reads, and the writes shipPackage / batchShip /
   * updateShippingInfo; see electron/core/marketplace/client.ts.
   */
  marketplace: TikTokShopClient;
  /** The embedded sandbox marketplace when marketplace.url is empty (tests drive its faults and state); else null. */
  sandbox: Sandbox | null;
  /** The order pull loop: pullNow(), status(). */
  pull: OrderPuller;
  /** Label printing: print jobs and their queue, tracking numbers, the built-in virtual printer. */
  printing: PrintingService;
  /** The parcel's life after packing: ship write, label, tracking number, handover checks, collection. */
  fulfillment: Fulfillment;
  /** The desk's scale: its live reading, the weight recorded with each parcel, the virtual scale. */
  scale: ScaleService;
  /** At a desk joined to a warehouse hub (PACKBENCH_HUB_URL): its leased queue, through which opening an order claims it. */
  hubDesk?: DeskQueue;
  stationId: string;
  dataDir: string;
  runtime: 'electron' | 'browser';
  version: string;
  now: () => number;
  audit(entry: AuditEntry): void;
  /** Registers work to stop when the station closes (servers, timers, workers), run in reverse order. */
  onClose(stop: () => void | Promise<void>): void;
}

/** The running station core, as its transports (HTTP, LAN view, the Electron port) see it. */
export interface Station {
  services: StationServices;
  handlers: Handlers;
  /** Runs one contract call as the given transport, with the station's signed-in user. */
  call<K extends CallName>(transport: Transport, name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  /** The same for input that has not been checked yet: what the transports receive from outside. */
  callRaw(transport: Transport, name: unknown, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}
