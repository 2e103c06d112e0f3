// The marketplace feature's public entry: the TikTok Shop client, its errors and the mapping of TikTok's orders to
// the station's. Other features import only from here (eslint.config.mjs); the sandbox is never reached from here.
export {
  MAX_ORDER_DETAIL_IDS,
  TikTokShopClient,
  type DocumentOptions,
  type MarkShippedRequest,
  type MarkShippedResult,
  type SearchFilter,
  type SearchOptions,
  type TrackingEvent,
} from './client';
export { MarketplaceError, type MarketplaceErrorKind } from './errors';
export { checkedOrder, mapOrder, packedBySeller, type MappingRefusal } from './order-mapping';
export type { OrdersReading, PulledOrder, RefusedOrder } from './order-reading';
export type { RetryPolicy } from './retry';
export type { Shop } from './schemas';
export type { ClientOptions, Connection, ConnectionSource, ConnectionState, ConnectionStatus } from './transport';
