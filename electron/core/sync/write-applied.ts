import type { OutboxWrite } from '../../../shared/contract/sync';
import type { UpstreamPackage } from './marketplace-writer';

/** Whether the marketplace's current state shows that this write already took effect. */
export function writeApplied(write: OutboxWrite, upstream: UpstreamPackage): boolean {
  switch (write.kind) {
    case 'ship.seller':
    case 'ship.tiktok':
    case 'ship.mark':
    case 'pickup.book':
    case 'handover.confirm':
      return upstream.shipped;
    case 'tracking.update':
      return upstream.trackingNumber === write.trackingNumber;
  }
}
