import type { SyncStatus } from '../../../shared/contract/sync';
import { type TikTokShopClient, MarketplaceError } from '../marketplace';
import type { OrderStore } from '../orders';
import type { OutboxStore } from '../outbox';
import type { PrinterLanguage } from '../printing';
import { DocumentError, fetchAndKeepLabel } from './label-documents';
import type { Shipment, ShipmentPatch, ShipmentStore } from './shipment-store';
import { parcelShipWrites, shipWritesState, type SplitParcelStore } from './split-parcels';

/** The tracking number TikTok's document gave a package, when it gave one. */
export interface KeptTracking {
  packageId: string;
  trackingNumber: string | null;
}

export interface FetcherDeps {
  shipments: ShipmentStore;
  splits: SplitParcelStore;
  outbox: OutboxStore;
  orders: OrderStore;
  client: TikTokShopClient;
  dataDir: string;
  now: () => number;
  printerLanguage: () => PrinterLanguage;
  syncStatus: () => SyncStatus;
  /** A parcel's label state changed (after the commit). */
  changed(orderId: string): void;
  /** TikTok's labels of every package are kept: print them when their order is packed. */
  kept(shipment: Shipment, tracking: readonly KeptTracking[]): void;
}

/** Quick at first, then every minute: TikTok prepares a label within seconds, an outage lasts longer. */
const retryMs = (attempts: number) => Math.min(60_000, 2_000 * 2 ** Math.min(attempts, 5));

/**
 * Gets TikTok's label for every TikTok-shipped parcel whose ship writes were applied (one per package of a split
 * order): the document exists only after Ship Package, so the fetcher follows the outbox rows of those writes. While
 * a write waits (offline, shop to reconnect) or TikTok is still preparing the document, the parcel waits as "label
 * waiting for TikTok" with the reason, and is looked at again on its own.
 */
export class LabelFetcher {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: FetcherDeps) {}

  /** Look now (the ship write was settled, the network came back, an order was packed). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass()
      .catch((error: unknown) =>
        console.error(
          `fulfillment: label fetch round failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule();
      });
  }

  /** Resolves when the current round is over (tests and close wait on it). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.settled();
  }

  private schedule(): void {
    if (this.stopped) return;
    const wake = this.deps.shipments.nextWake();
    if (wake === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(50, wake - this.deps.now()));
    this.timer.unref?.();
  }

  private set(shipment: Shipment, patch: ShipmentPatch): void {
    const before = JSON.stringify([shipment.labelState, shipment.reason, shipment.todo]);
    const after = this.deps.shipments.update(shipment.orderId, patch);
    if (JSON.stringify([after.labelState, after.reason, after.todo]) !== before) this.deps.changed(shipment.orderId);
  }

  private async pass(): Promise<void> {
    for (const shipment of this.deps.shipments.awaitingLabel(this.deps.now(), 20)) {
      if (this.stopped) return;
      const writes = parcelShipWrites(this.deps.outbox, this.deps.splits.of(shipment.orderId), shipment.shipWriteId);
      const state = shipWritesState(writes);
      if (state === 'none' || state === 'cancelled') {
        this.set(shipment, {
          labelState: 'cancelled',
          reason: { code: 'ship_dropped' },
          todo: null,
          nextAttemptAt: null,
        });
      } else if (state === 'failed') {
        this.set(shipment, {
          labelState: 'failed',
          reason: { code: 'ship_refused' },
          todo: { code: 'resolve_sync' },
          nextAttemptAt: null,
        });
      } else if (state === 'pending') {
        this.waitForShip(shipment);
      } else {
        await this.fetch(shipment, writes[0]!.write.packageId);
      }
    }
  }

  /** The ship write is still queued: say why the label waits. The sync worker's settling wakes the fetcher. */
  private waitForShip(shipment: Shipment): void {
    const sync = this.deps.syncStatus();
    const next = this.deps.now() + 15_000;
    if (sync.reconnectRequired) {
      this.set(shipment, {
        labelState: 'waiting_tiktok',
        reason: { code: 'reconnect_shop' },
        todo: { code: 'reconnect_shop' },
        nextAttemptAt: next,
      });
    } else if (sync.state === 'offline') {
      this.set(shipment, {
        labelState: 'waiting_tiktok',
        reason: { code: 'offline_ship' },
        todo: null,
        nextAttemptAt: next,
      });
    } else {
      this.set(shipment, {
        labelState: 'ship_queued',
        reason: { code: 'arranging' },
        todo: null,
        nextAttemptAt: next,
      });
    }
  }

  /** Every package's label, the split parcels' first: the first package's is kept last, and it makes the label ready. */
  private async fetch(shipment: Shipment, packageId: string): Promise<void> {
    const order = this.deps.orders.get(shipment.orderId);
    if (!order) {
      this.set(shipment, {
        labelState: 'failed',
        reason: { code: 'package_gone' },
        todo: { code: 'pull_again' },
        nextAttemptAt: null,
      });
      return;
    }
    const attempts = shipment.attempts + 1;
    try {
      const language = this.deps.printerLanguage();
      const keep = (id: string) =>
        fetchAndKeepLabel(
          this.deps.client,
          this.deps.dataDir,
          { orderId: order.id, shopId: order.shopId, packageId: id },
          language,
        );
      const tracking: KeptTracking[] = [];
      for (const parcel of this.deps.splits.of(order.id)) {
        if (parcel.documentPath) continue;
        const split = await keep(parcel.packageId);
        this.deps.splits.keep(order.id, parcel.packageId, split.path, split.format);
        tracking.push({ packageId: parcel.packageId, trackingNumber: split.trackingNumber });
      }
      const kept = await keep(packageId);
      const updated = this.deps.shipments.update(shipment.orderId, {
        labelState: 'ready',
        reason: null,
        todo: null,
        documentPath: kept.path,
        documentFormat: kept.format,
        attempts: 0,
        nextAttemptAt: null,
      });
      this.deps.kept(updated, [{ packageId, trackingNumber: kept.trackingNumber }, ...tracking]);
      this.deps.changed(shipment.orderId);
    } catch (error) {
      const at = this.deps.now() + retryMs(attempts);
      if (!(error instanceof MarketplaceError)) {
        // The file TikTok sent, or keeping it, failed: the words stay in the log, the desk reads the code.
        console.warn(
          `fulfillment: the label of order ${shipment.orderId} could not be kept: ${error instanceof DocumentError || error instanceof Error ? error.message : String(error)}`,
        );
        this.set(shipment, {
          labelState: 'failed',
          reason: { code: 'document_bad' },
          todo: { code: 'fetch_again' },
          attempts,
          nextAttemptAt: null,
        });
        return;
      }
      switch (error.kind) {
        case 'document_unavailable':
          this.set(shipment, {
            labelState: 'waiting_tiktok',
            reason: { code: 'tiktok_preparing' },
            todo: null,
            attempts,
            nextAttemptAt: at,
          });
          return;
        case 'transient':
        case 'rate_limited':
        case 'clock':
        case 'malformed':
          this.set(shipment, {
            labelState: 'waiting_tiktok',
            reason: { code: 'offline_label' },
            todo: null,
            attempts,
            nextAttemptAt: at,
          });
          return;
        case 'reconnect':
        case 'config':
          this.set(shipment, {
            labelState: 'waiting_tiktok',
            reason: { code: 'connection_refused' },
            todo: { code: 'reconnect_shop' },
            attempts,
            nextAttemptAt: this.deps.now() + 60_000,
          });
          return;
        case 'cancelled':
          this.set(shipment, {
            labelState: 'cancelled',
            reason: { code: 'order_cancelled' },
            todo: { code: 'put_back' },
            nextAttemptAt: null,
          });
          return;
        default:
          this.set(shipment, {
            labelState: 'failed',
            reason: { code: 'label_refused' },
            todo: { code: 'ask_again' },
            attempts,
            nextAttemptAt: null,
          });
      }
    }
  }
}
