import type { CatalogueSku } from './catalogue';
import type { Carrier } from './identifiers';
import type { SandboxShop, ServiceTier } from './world';

/** Order statuses of get-order-list.spec.json. */
export type SandboxStatus =
  | 'UNPAID'
  | 'ON_HOLD'
  | 'AWAITING_SHIPMENT'
  | 'PARTIALLY_SHIPPING'
  | 'AWAITING_COLLECTION'
  | 'IN_TRANSIT'
  | 'DELIVERED'
  | 'COMPLETED'
  | 'CANCELLED';

export interface SandboxLine {
  id: string;
  sku: CatalogueSku;
  salePrice: string;
  isGift: boolean;
  /** Null for a local seller's line until Mark Package As Shipped puts it in a package. */
  packageId: string | null;
}

/** One carrier scan, as Get Tracking answers it. */
export interface TrackingEvent {
  description: string;
  atMs: number;
}

/**
 * A package: TO_FULFILL until the seller ships it (Ship Package / Mark Package As Shipped), PROCESSING until the
 * carrier's first scan, FULFILLING in transit, COMPLETED once delivered.
 */
export interface SandboxPackage {
  id: string;
  status: 'TO_FULFILL' | 'PROCESSING' | 'FULFILLING' | 'COMPLETED' | 'CANCELLED';
  /** Issued by TikTok up front for TikTok shipping; given by the seller when shipping otherwise. */
  trackingNumber: string | null;
  carrier: Carrier;
  handoverMethod: 'PICKUP' | 'DROP_OFF' | null;
  pickupSlot: { start_time: number; end_time: number } | null;
  shippedAt: number | null;
  collectedAt: number | null;
  tracking: TrackingEvent[];
  createTime: number;
  updateTime: number;
}

export interface SandboxRecipient {
  name: string;
  phone: string;
  /** address_line1.. ; TikTok sends all four, the unused ones empty. */
  lines: string[];
  city: string;
  /** L2 level (district) where the country's addresses name one. */
  district: string;
  region: string;
  /** Empty where the country has none (HK, AE). */
  postalCode: string;
  country: string;
}

/** One order as the sandbox keeps it; times in Unix seconds like TikTok's. */
export interface SandboxOrder {
  index: number;
  id: string;
  shop: SandboxShop;
  status: SandboxStatus;
  shippingType: 'TIKTOK' | 'SELLER';
  tier: ServiceTier;
  /** TikTok's carrier (TIKTOK shipping), or the carrier a seller-shipped order is likely to go with; named only after shipping. */
  carrier: Carrier;
  currency: string;
  createTime: number;
  paidTime: number | null;
  updateTime: number;
  rtsSla: number | null;
  ttsSla: number | null;
  rtsTime: number | null;
  collectionTime: number | null;
  cancelTime: number | null;
  isCod: boolean;
  buyerMessage: string;
  cancelReason: string | null;
  addressUpdated: boolean;
  recipient: SandboxRecipient;
  lines: SandboxLine[];
  packages: SandboxPackage[];
}

/** Something that happens to an order later on the sandbox clock. */
export interface TimelineEvent {
  at: number;
  orderId: string;
  /** complete: a delivered order closes (COMPLETED) once its return window has passed. */
  kind: 'pay' | 'release' | 'cancel' | 'complete';
}
