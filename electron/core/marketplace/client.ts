import type { z } from 'zod';
import type { MarketStatus } from '../../../shared/domain/orders/order';
import { kindOfCode, MarketplaceError } from './errors';
import { readOrders, type OrdersReading, type PulledOrder } from './order-reading';
import {
  AuthorizedShops,
  BatchShipRequest,
  BatchShipResult,
  EmptyData,
  HandoverTimeSlots,
  MarkShippedAnswer,
  MarkShippedBody,
  OrderDetail,
  OrderSearchPage,
  PackageDetail,
  ProductDetail,
  ShipPackageRequest,
  ShippingDocument,
  ShippingProviders,
  Tracking,
  UpdateShippingInfoRequest,
  type Shop,
} from './schemas';
import { MarketplaceTransport } from './transport';

/** Get Order Detail takes at most this many ids per call. */
export const MAX_ORDER_DETAIL_IDS = 50;

export interface SearchFilter {
  order_status?: MarketStatus;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
}

export interface SearchOptions {
  filter?: SearchFilter;
  pageSize?: number;
  pageToken?: string;
  sortField?: 'create_time' | 'update_time';
  sortOrder?: 'ASC' | 'DESC';
}

export interface DocumentOptions {
  /** SHIPPING_LABEL_PICTURE is the label as a PNG (size and format do not apply to it). */
  documentType?: 'SHIPPING_LABEL' | 'SHIPPING_LABEL_PICTURE' | 'PACKING_SLIP' | 'SHIPPING_LABEL_AND_PACKING_SLIP';
  documentSize?: 'A6' | 'A5';
  /** ZPL is served for Brazilian shops only. */
  documentFormat?: 'PDF' | 'ZPL';
}

export interface MarkShippedRequest {
  /** The order's line items that travel in this parcel. */
  orderLineItemIds: string[];
  trackingNumber: string;
  shippingProviderId: string;
}

export interface MarkShippedResult {
  /** The package TikTok created for these line items. */
  packageId: string;
  orderLineItemIds: string[];
  /** TikTok's warning, e.g. "match more than one provider"; the package was created all the same. */
  warning: string | null;
}

export interface TrackingEvent {
  description: string;
  /** null when TikTok sent the event without its time (the field is optional in the spec). */
  updateTimeMs: number | null;
}

/**
 * TikTok Shop Open API (202309) client. Every call is signed, every answer's envelope and data are validated, and
 * failures arrive as MarketplaceError with a kind that says what to do (see errors.ts).
 *
 * Shop-scoped calls take the shop id first (Order.shopId); the client finds that shop's cipher itself.
 *
 * Reads: getAuthorizedShops, shops, searchOrders, getOrders, getPackage, getTracking, getHandoverTimeSlots,
 * getShippingDocument (+ downloadDocument), getShippingProviders, getProduct.
 * Writes (never retried where they may have landed; check getPackage / getOrders first): shipPackage, batchShip,
 * markPackageAsShipped, updateShippingInfo.
 */
export class TikTokShopClient extends MarketplaceTransport {
  private shopCache: { key: string; shops: Shop[] } | null = null;

  // ---- authorisation ------------------------------------------------------------------------------------------

  /** Every shop the seller authorised this app for, with the cipher shop-scoped calls need. */
  async getAuthorizedShops(): Promise<Shop[]> {
    const data = await this.request({
      call: 'getAuthorizedShops',
      method: 'GET',
      path: '/authorization/202309/shops',
      shopCipher: null,
      schema: AuthorizedShops,
    });
    return data.shops;
  }

  /** The shops this station works: the configured shop cipher's shop, or every authorised shop. Cached. */
  async shops(): Promise<Shop[]> {
    const connection = this.options.connection.read();
    const key = `${connection.baseUrl}|${connection.appKey}|${connection.shopCipher}`;
    if (this.shopCache?.key === key) return this.shopCache.shops;
    const all = await this.getAuthorizedShops();
    const shops = connection.shopCipher ? all.filter((shop) => shop.cipher === connection.shopCipher) : all;
    if (shops.length === 0) {
      throw this.fail(
        new MarketplaceError({
          kind: 'config',
          call: 'getAuthorizedShops',
          message: connection.shopCipher
            ? 'the configured shop cipher is not among the shops authorised for this app'
            : 'no shop has authorised this app',
        }),
      );
    }
    this.shopCache = { key, shops };
    return shops;
  }

  // ---- orders -------------------------------------------------------------------------------------------------

  /**
   * One page of POST /order/202309/orders/search. An empty nextPageToken means this was the last page. Orders that
   * do not match the spec are in `refused`, the others in `orders`.
   */
  async searchOrders(
    shopId: string,
    options: SearchOptions = {},
  ): Promise<OrdersReading & { nextPageToken: string; totalCount: number | null }> {
    const page = await this.request({
      call: 'searchOrders',
      method: 'POST',
      path: '/order/202309/orders/search',
      query: {
        page_size: options.pageSize ?? 100,
        page_token: options.pageToken || undefined,
        sort_field: options.sortField ?? 'update_time',
        sort_order: options.sortOrder ?? 'ASC',
      },
      body: options.filter ?? {},
      shopCipher: await this.cipherFor(shopId),
      schema: OrderSearchPage,
    });
    return { ...readOrders(page.orders), nextPageToken: page.next_page_token, totalCount: page.total_count ?? null };
  }

  /** Full detail of up to MAX_ORDER_DETAIL_IDS orders (Get Order Detail, 202507 in the spec), each read on its own like searchOrders'. */
  async readOrderDetails(shopId: string, ids: readonly string[]): Promise<OrdersReading> {
    if (ids.length === 0) return { orders: [], refused: [] };
    if (ids.length > MAX_ORDER_DETAIL_IDS)
      throw new RangeError(`getOrders takes at most ${MAX_ORDER_DETAIL_IDS} ids per call`);
    const detail = await this.request({
      call: 'getOrders',
      method: 'GET',
      path: '/order/202507/orders',
      query: { ids: ids.join(',') },
      shopCipher: await this.cipherFor(shopId),
      schema: OrderDetail,
    });
    return readOrders(detail.orders);
  }

  /** The readable orders of readOrderDetails (an unreadable one is left out). */
  async getOrders(shopId: string, ids: readonly string[]): Promise<PulledOrder[]> {
    return (await this.readOrderDetails(shopId, ids)).orders;
  }

  // ---- fulfillment --------------------------------------------------------------------------------------------

  /**
   * A package's upstream state: what to check before repeating a write. package_status is TikTok's string as sent
   * (PROCESSING = arranged, waiting for the carrier; FULFILLING = collected; COMPLETED; CANCELLED; maybe others
   * later): the caller maps it. Every field is optional in the spec, so each may be absent.
   */
  async getPackage(shopId: string, packageId: string) {
    return this.request({
      call: 'getPackage',
      method: 'GET',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}`,
      shopCipher: await this.cipherFor(shopId),
      schema: PackageDetail,
    });
  }

  async getHandoverTimeSlots(shopId: string, packageId: string) {
    return this.request({
      call: 'getHandoverTimeSlots',
      method: 'GET',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/handover_time_slots`,
      shopCipher: await this.cipherFor(shopId),
      schema: HandoverTimeSlots,
    });
  }

  /** Carrier tracking events of an order, oldest first as TikTok sends them: how collection is confirmed. */
  async getTracking(shopId: string, orderId: string): Promise<TrackingEvent[]> {
    const data = await this.request({
      call: 'getTracking',
      method: 'GET',
      path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/tracking`,
      shopCipher: await this.cipherFor(shopId),
      schema: Tracking,
    });
    return (data?.tracking ?? []).map((event) => ({
      description: event.description ?? '',
      updateTimeMs: event.update_time_millis ?? null,
    }));
  }

  /**
   * The marketplace's label (orders shipped by TikTok), served only after Ship Package (before it: kind
   * document_unavailable). The URL is valid for 24 h: download it at once. An answer without doc_url is malformed.
   */
  async getShippingDocument(
    shopId: string,
    packageId: string,
    options: DocumentOptions = {},
  ): Promise<{ docUrl: string; trackingNumber: string | null }> {
    const documentType = options.documentType ?? 'SHIPPING_LABEL';
    const picture = documentType === 'SHIPPING_LABEL_PICTURE';
    const data = await this.request({
      call: 'getShippingDocument',
      method: 'GET',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_documents`,
      query: {
        document_type: documentType,
        // The picture is always a PNG of TikTok's own size: size and format do not apply to it.
        document_size: picture ? undefined : (options.documentSize ?? 'A6'),
        document_format: picture ? undefined : (options.documentFormat ?? 'PDF'),
      },
      shopCipher: await this.cipherFor(shopId),
      schema: ShippingDocument,
    });
    return { docUrl: data.doc_url, trackingNumber: data.tracking_number ?? null };
  }

  async getShippingProviders(shopId: string, deliveryOptionId: string) {
    const data = await this.request({
      call: 'getShippingProviders',
      method: 'GET',
      path: `/logistics/202309/delivery_options/${encodeURIComponent(deliveryOptionId)}/shipping_providers`,
      shopCipher: await this.cipherFor(shopId),
      schema: ShippingProviders,
    });
    return data.shipping_providers;
  }

  /**
   * Marks one package shipped: TikTok shipping with handover_method (+ pickup_slot), seller shipping with
   * self_shipment {tracking_number, shipping_provider_id}. Fails with kind already_shipped / cancelled /
   * invalid_tracking as the marketplace answers; with mayHaveApplied when no answer arrived.
   */
  async shipPackage(shopId: string, packageId: string, request: z.input<typeof ShipPackageRequest>): Promise<void> {
    await this.request({
      call: 'shipPackage',
      method: 'POST',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/ship`,
      body: ShipPackageRequest.parse(request),
      shopCipher: await this.cipherFor(shopId),
      schema: EmptyData,
      write: true,
    });
  }

  /**
   * Ships up to 50 packages in one call. Each package succeeds or fails on its own: `failed` holds the packages
   * the marketplace refused, each with its own error; every other package was shipped.
   */
  async batchShip(
    shopId: string,
    packages: z.input<typeof BatchShipRequest>['packages'],
  ): Promise<{ shipped: string[]; failed: Array<{ packageId: string; error: MarketplaceError }> }> {
    const body = BatchShipRequest.parse({ packages });
    const data = await this.request({
      call: 'batchShip',
      method: 'POST',
      path: '/fulfillment/202309/packages/ship',
      body,
      shopCipher: await this.cipherFor(shopId),
      schema: BatchShipResult,
      write: true,
    });
    const failed = (data?.errors ?? []).map((item, index) => {
      const packageId = item.detail?.package_id;
      // A refusal that names no package leaves every package of the call in doubt: the sync worker asks upstream.
      if (!packageId) {
        throw new MarketplaceError({
          kind: 'malformed',
          call: 'batchShip',
          field: `data.errors[${index}].detail.package_id`,
          message: `an error (code ${item.code ?? 'none'}) names no package`,
          mayHaveApplied: true,
        });
      }
      const message = item.message ?? '';
      // Without a code the refusal's meaning is unknown: treat the package as possibly shipped and check upstream.
      const kind = item.code === undefined ? 'transient' : kindOfCode(item.code, message);
      return {
        packageId,
        error: new MarketplaceError({
          kind,
          call: 'batchShip',
          code: item.code ?? null,
          message: `package ${packageId}: ${message || 'refused without a reason'}`,
          mayHaveApplied: item.code === undefined,
        }),
      };
    });
    const failedIds = new Set(failed.map((item) => item.packageId));
    return { shipped: body.packages.map((p) => p.id).filter((id) => !failedIds.has(id)), failed };
  }

  /**
   * Mark Package As Shipped (local sellers in US, UK, ES, IE, IT, DE, FR, JP): seller shipping for an order that has
   * no package yet. Creates the package holding these line items and returns its id. Fails like shipPackage.
   */
  async markPackageAsShipped(shopId: string, orderId: string, request: MarkShippedRequest): Promise<MarkShippedResult> {
    const data = await this.request({
      call: 'markPackageAsShipped',
      method: 'POST',
      path: `/fulfillment/202309/orders/${encodeURIComponent(orderId)}/packages`,
      body: MarkShippedBody.parse({
        order_line_item_ids: request.orderLineItemIds,
        tracking_number: request.trackingNumber,
        shipping_provider_id: request.shippingProviderId,
      }),
      shopCipher: await this.cipherFor(shopId),
      schema: MarkShippedAnswer,
      write: true,
    });
    // TikTok may leave out the item list (optional in the spec): then the package holds the items we named.
    return {
      packageId: data.package_id,
      orderLineItemIds: data.order_line_item_ids ?? request.orderLineItemIds,
      warning: data.warning?.message ?? null,
    };
  }

  /** Changes the tracking number or provider of a shipped package. */
  async updateShippingInfo(
    shopId: string,
    packageId: string,
    request: z.input<typeof UpdateShippingInfoRequest>,
  ): Promise<void> {
    await this.request({
      call: 'updateShippingInfo',
      method: 'POST',
      path: `/fulfillment/202309/packages/${encodeURIComponent(packageId)}/shipping_info/update`,
      body: UpdateShippingInfoRequest.parse(request),
      shopCipher: await this.cipherFor(shopId),
      schema: EmptyData,
      write: true,
    });
  }

  // ---- products -----------------------------------------------------------------------------------------------

  /** A product with its SKUs' identifier codes (GTIN / EAN / UPC): the barcodes a packer scans. */
  async getProduct(shopId: string, productId: string) {
    return this.request({
      call: 'getProduct',
      method: 'GET',
      path: `/product/202309/products/${encodeURIComponent(productId)}`,
      shopCipher: await this.cipherFor(shopId),
      schema: ProductDetail,
    });
  }

  // ---- plumbing -----------------------------------------------------------------------------------------------

  private async cipherFor(shopId: string): Promise<string> {
    let shop = (await this.shops()).find((s) => s.id === shopId);
    if (!shop) {
      this.shopCache = null;
      shop = (await this.shops()).find((s) => s.id === shopId);
    }
    if (!shop)
      throw new MarketplaceError({
        kind: 'config',
        call: 'shops',
        message: `shop ${shopId} is not authorised for this app`,
      });
    return shop.cipher;
  }
}
