import type { PrintJob } from '../../../shared/contract/printing';

/** TikTok's label as it was downloaded and kept with the order (its link lasts 24 hours, the file does not). */
export interface KeptDocument {
  path: string;
  format: 'PNG' | 'PDF' | 'ZPL';
}

/** The carrier chosen for a seller-shipped parcel, and its tracking number once it has one. */
export interface SellerCarrier {
  name: string;
  providerId: string | null;
  trackingNumber: string | null;
}

/**
 * What printing needs to know about a parcel from the workflow that owns it (electron/core/fulfillment), and what it
 * tells that workflow back. Declared here so that printing never imports the workflow that drives it.
 */
export interface ParcelFacts {
  /** TikTok's labels of the parcel, one per package; empty until every one is kept. */
  keptDocuments(orderId: string): KeptDocument[];
  sellerCarrier(orderId: string): SellerCarrier | null;
  /** Why no label can print for this order now (waiting for TikTok, scan the carrier label, cancelled), or null. */
  blocker(orderId: string): string | null;
  /** A tracking number taken from a range for this parcel: runs in the transaction that takes it. */
  trackingIssued(orderId: string, trackingNumber: string, providerId: string): void;
  /** The other parcels of a seller-shipped order TikTok split into packages, each with its own tracking number. */
  splitParcels(orderId: string): Array<{ packageId: string; trackingNumber: string | null }>;
  /** A tracking number taken from a range for one of those parcels: runs in the transaction that takes it. */
  splitTrackingIssued(orderId: string, packageId: string, trackingNumber: string): void;
  /** Runs in the transaction that marks a label or reprint job done. */
  labelPrinted(job: PrintJob): void;
  /** A first label job failed for good (after the commit that recorded it). */
  labelFailed(job: PrintJob): void;
}
