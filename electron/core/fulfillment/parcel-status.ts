import type { LabelStatus } from '../../../shared/contract/pack';
import type { PrintJob } from '../../../shared/contract/printing';
import type { OrderStore } from '../orders';
import type { OutboxStore } from '../outbox';
import type { ShipmentStore } from './shipment-store';
import { parcelShipWrites, shipWritesState, type SplitParcelStore } from './split-parcels';

export interface ParcelStatusDeps {
  shipments: ShipmentStore;
  splits: SplitParcelStore;
  outbox: OutboxStore;
  orders: OrderStore;
  /** The label job of the order at its printer now, if any. */
  liveLabel(orderId: string): PrintJob | null;
}

/**
 * What the desk and the handover are told about a parcel, read from the workflow's tables: its label's state with the
 * reason and the one thing to do, where its ship writes stand, and whether it may leave with a driver.
 */
export class ParcelStatus {
  constructor(private readonly deps: ParcelStatusDeps) {}

  status(orderId: string): LabelStatus | null {
    const shipment = this.deps.shipments.get(orderId);
    if (!shipment) return null;
    const parcels = this.deps.splits.of(orderId);
    const shipWrite = shipWritesState(parcelShipWrites(this.deps.outbox, parcels, shipment.shipWriteId));
    const job = this.deps.liveLabel(orderId);
    let { reason, todo } = shipment;
    if (shipment.labelState === 'printing' && job?.waitingReason) {
      reason = { code: job.waitingCode ?? 'printer_offline' };
      todo = { code: 'fix_printer' };
    }
    if (shipment.labelState === 'ready' && shipment.packed && !todo) todo = { code: 'press_print' };
    return {
      orderId,
      flow: shipment.flow,
      state: shipment.labelState,
      reason,
      todo,
      carrier: shipment.carrier,
      shippingProviderId: shipment.shippingProviderId,
      trackingNumber: shipment.trackingNumber ?? this.deps.orders.get(orderId)?.packages[0]?.trackingNumber ?? null,
      shipWrite: shipWrite === 'cancelled' ? 'none' : shipWrite,
      parcels: 1 + parcels.length,
      collectedAt: shipment.collectedAt,
    };
  }

  /**
   * Why a parcel may not leave with a driver, or null: its label must have printed (or the carrier's own label been
   * scanned) and its ship write must be queued.
   */
  handoverBlocker(orderId: string): string | null {
    const shipment = this.deps.shipments.get(orderId);
    if (!shipment) return `Order ${orderId} has no label and no ship write yet: pack it first.`;
    if (shipment.labelState === 'cancelled')
      return `Order ${orderId} was cancelled: take the parcel out, it does not ship.`;
    if (shipment.labelState !== 'printed')
      return `The label of order ${orderId} did not print: print it before the parcel leaves.`;
    const writes = parcelShipWrites(this.deps.outbox, this.deps.splits.of(orderId), shipment.shipWriteId);
    const state = shipWritesState(writes);
    if (state === 'none' || state === 'cancelled')
      return `Order ${orderId} has no ship write queued: TikTok Shop would never hear it left. Scan its tracking number at the pack station first.`;
    if (state === 'failed') {
      const refused = writes.find((write) => write?.state === 'failed');
      return `TikTok Shop refused the ship write of order ${orderId} (${refused?.errorMessage ?? 'see Sync problems'}): resolve it before the parcel leaves.`;
    }
    return null;
  }
}
