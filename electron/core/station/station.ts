import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput, Result } from '../../../shared/contract';
import { recordAudit, type AuditEntry } from '../audit';
import { Users } from '../auth';
import { Settings, type SecretCipher } from '../config/settings';
import { dispatch, type CallContext, type Transport } from '../contract/dispatch';
import { createHandlers } from '../contract/handlers';
import { closeDatabase, openDatabase } from '../db/database';
import { EventBus } from '../events/bus';
import { connectMarketplace } from '../marketplace/station-connection';
import { OrderPuller, OrderStore } from '../orders';
import { HubWriter, hubLinkFromEnv, startDeskQueue } from '../hub-link';
import { PhotoStore } from '../photos';
import { LanStatus } from '../server';
import { startSync } from '../sync';
import { tiktokHandoverSlots } from '../pickups';
import { startPrinting } from '../printing';
import { Fulfillment } from '../fulfillment';
import { ScaleService } from '../scale';
import { Session, type Station, type StationServices } from './services';
import { stationStatus } from './station-handlers';

export interface StationOptions {
  dataDir: string;
  runtime: 'electron' | 'browser';
  version: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  nativeBinding?: string;
  /** Seals secret settings at rest (the desktop shell passes the OS keychain). */
  secretCipher?: SecretCipher;
}

export type { Station } from './services';

export const DATABASE_FILE = 'packbench.sqlite';

/** Builds the station core: plain Node, no Electron, so tests and the browser fallback run exactly this. */
export async function startStation(options: StationOptions): Promise<Station> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(databaseFile, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const settings = new Settings(db, env, now, options.secretCipher ?? null);
  const stationId = settings.string('station.id');
  const stoppers: Array<() => Promise<void> | void> = [];
  const audit = (entry: AuditEntry) => recordAudit(db, stationId, now(), entry);
  const users = new Users(db, now, audit);
  await users.seedIfEmpty();
  const bus = new EventBus();
  const onClose = (stop: () => Promise<void> | void) => stoppers.push(stop);
  // Stops in reverse order of start, then closes the database: used by close() and when a later step fails to start.
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop();
    closeDatabase(db);
  };
  try {
    return await assemble();
  } catch (error) {
    await stopAll();
    throw error;
  }

  async function assemble(): Promise<Station> {
    const market = await connectMarketplace({ settings, dataDir: options.dataDir, now });
    onClose(() => market.close());
    const marketplace = market.client;
    const pull = new OrderPuller({
      db,
      client: marketplace,
      bus,
      now,
      mode: market.mode,
      intervalSeconds: () => settings.number('orders.pullIntervalSeconds'),
    });
    // The parcel's workflow first: printing asks it about parcels, the sync worker tells it what TikTok accepted.
    const fulfillment = new Fulfillment({
      db,
      settings,
      bus,
      now,
      stationId,
      audit,
      marketplace,
      dataDir: options.dataDir,
      onClose,
      currentUser: () => services.session.user,
    });
    const printing = await startPrinting({
      db,
      settings,
      bus,
      now,
      audit,
      stationId,
      onClose,
      facts: fulfillment.workflow,
    });
    // Joined to a warehouse hub: the hub pulls TikTok and sends the writes; this desk keeps its leased batch.
    const hub = hubLinkFromEnv(env, stationId);
    const sync = startSync(
      {
        db,
        bus,
        now,
        audit,
        onClose,
        applied: (row, detail) => fulfillment.workflow.writeApplied(row, detail.packageId),
      },
      marketplace,
      hub ? new HubWriter(hub) : undefined,
    );
    // A joined desk's batch from the hub: renewed in the background; the pack screen claims at the hub through it.
    const deskOrders = new OrderStore(db);
    const desk = hub
      ? startDeskQueue({
          db,
          bus,
          link: hub,
          now,
          log: (line) => console.warn(line),
          onRefresh: ({ held, lost }) => {
            for (const gone of lost)
              console.warn(
                `hub: order ${gone.orderId} is no longer this desk's (${gone.heldBy ? `now at ${gone.heldBy}` : (gone.state ?? 'unknown')})`,
              );
            // Orders lost to another desk changed too: they left this desk's queue.
            for (const orderId of [...held, ...lost.map((gone) => gone.orderId)]) {
              const order = deskOrders.get(orderId);
              if (order) bus.emit('order.changed', { orderId, status: order.status, stationState: order.stationState });
            }
          },
        })
      : null;
    if (desk) onClose(() => desk.stop());
    const services: StationServices = {
      db,
      settings,
      users,
      bus,
      marketplace,
      sandbox: market.sandbox,
      pull,
      printing,
      fulfillment,
      session: new Session(),
      lan: new LanStatus(),
      stationId,
      dataDir: options.dataDir,
      runtime: options.runtime,
      version: options.version,
      now,
      audit,
      onClose,
      photos: new PhotoStore(db, options.dataDir, stationId, now),
      sync,
      handoverSlots: tiktokHandoverSlots(marketplace, db),
      scale: new ScaleService({
        db,
        settings,
        bus,
        now,
        stationId,
        audit,
        currentUser: () => services.session.user,
        sandbox: market.sandbox !== null,
        onClose,
      }),
      ...(desk ? { hubDesk: desk.queue } : {}),
    };
    // Before the label workflow: a parcel's weight is recorded when it is packed, before its label is drawn.
    services.scale.start();
    fulfillment.start(printing, sync);
    // The status line follows the features: pack and the people say what changed, the station says what it means
    // (the counts; the "replace the demo PINs" step, lifted when the last demo PIN is replaced).
    const statusFollows = new Set(['pack.changed', 'users.changed']);
    onClose(
      bus.subscribe((event) => statusFollows.has(event.name) && bus.emit('station.status', stationStatus(services))),
    );
    const handlers = createHandlers(services);
    const context = (transport: Transport): CallContext => ({
      transport,
      user: services.session.user,
      lanDetails: transport === 'lan' && settings.get<boolean>('lan.details'),
      databaseFile,
    });
    if (!hub) {
      // Pull at once, so a fresh station shows orders without waiting for the first interval.
      pull.start();
      onClose(() => pull.stop());
    }

    return {
      services,
      handlers,
      call<K extends CallName>(transport: Transport, name: K, input: CallInput<K>) {
        return dispatch(handlers, name, input, context(transport)) as Promise<Result<CallOutput<K>>>;
      },
      callRaw(transport, name, input) {
        return dispatch(handlers, name, input, context(transport));
      },
      close: stopAll,
    };
  }
}
