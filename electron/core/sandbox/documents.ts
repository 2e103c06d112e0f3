import { randomBytes } from 'node:crypto';
import { Code, documented, invalidParameters } from './errors';
import { shippingLabelPng } from './label-png';
import type { Market } from './market';
import type { RouteContext } from './route';
import { PAGE_SIZES, packingSlipZpl, shippingDocumentPdf, shippingLabelZpl, type PageSize } from './shipping-label';

const API = 'get-package-shipping-document';
/** doc_url is valid for 24 hours (get-package-shipping-document.spec.json). */
const DOCUMENT_TTL = 24 * 3600;

type DocumentType = 'SHIPPING_LABEL' | 'PACKING_SLIP' | 'SHIPPING_LABEL_AND_PACKING_SLIP' | 'SHIPPING_LABEL_PICTURE';
const TYPES: readonly DocumentType[] = [
  'SHIPPING_LABEL',
  'PACKING_SLIP',
  'SHIPPING_LABEL_AND_PACKING_SLIP',
  'SHIPPING_LABEL_PICTURE',
];

interface IssuedDocument {
  packageId: string;
  type: DocumentType;
  format: 'PDF' | 'ZPL';
  size: PageSize;
  expiresAt: number;
}

/** The documents handed out by doc_url, served by the sandbox itself until they expire. */
export class Documents {
  private readonly issued = new Map<string, IssuedDocument>();

  constructor(private readonly market: Market) {}

  /**
   * GET /fulfillment/202309/packages/{id}/shipping_documents: only for TikTok shipping, only once the package is
   * shipped and not yet collected. ZPL is served to a Brazilian shop only; everywhere else the label is PDF, and
   * SHIPPING_LABEL_PICTURE is a PNG in every market.
   */
  issue({ shop, params, query, baseUrl }: RouteContext) {
    const { order, pkg } = this.market.packageOf(shop, params[0]!, API);
    const type = query.get('document_type') as DocumentType | null;
    if (!type || !TYPES.includes(type)) throw invalidParameters();
    const size = (query.get('document_size') ?? 'A6') as PageSize;
    if (!(size in PAGE_SIZES)) throw invalidParameters();
    if (order.status === 'CANCELLED' || pkg.status === 'CANCELLED') throw documented(Code.packageCancelled, API);
    if (order.shippingType !== 'TIKTOK') throw documented(Code.notTikTokShipping, API);
    // Both codes say "ship first"; cross-border shops get the second wording, local ones the first.
    if (pkg.status === 'TO_FULFILL')
      throw documented(shop.sellerType === 'CROSS_BORDER' ? Code.notShippedYet : Code.arrangeShipmentFirst, API);
    if (pkg.status !== 'PROCESSING') throw documented(21042102, API);
    const format =
      query.get('document_format') === 'ZPL' && shop.region === 'BR' && type !== 'SHIPPING_LABEL_PICTURE'
        ? 'ZPL'
        : 'PDF';
    const token = randomBytes(12).toString('hex');
    this.issued.set(token, { packageId: pkg.id, type, format, size, expiresAt: this.market.now() + DOCUMENT_TTL });
    return { doc_url: `${baseUrl}/sandbox/documents/${token}`, tracking_number: pkg.trackingNumber };
  }

  /** The file behind a doc_url, or null once the link has expired (or never existed). */
  async render(token: string): Promise<{ contentType: string; body: string | Uint8Array } | null> {
    const document = this.issued.get(token);
    if (!document || document.expiresAt < this.market.now()) return null;
    const { order, pkg } = this.market.findPackage(document.packageId)!;
    if (document.type === 'SHIPPING_LABEL_PICTURE')
      return { contentType: 'image/png', body: shippingLabelPng(order, pkg) };
    if (document.format === 'ZPL') {
      const zpl = [
        ...(document.type === 'PACKING_SLIP' ? [] : [shippingLabelZpl(order, pkg)]),
        ...(document.type === 'SHIPPING_LABEL' ? [] : [packingSlipZpl(order, pkg)]),
      ];
      return { contentType: 'text/plain; charset=utf-8', body: zpl.join('') };
    }
    const parts =
      document.type === 'SHIPPING_LABEL'
        ? (['label'] as const)
        : document.type === 'PACKING_SLIP'
          ? (['slip'] as const)
          : (['label', 'slip'] as const);
    return { contentType: 'application/pdf', body: await shippingDocumentPdf(order, pkg, parts, document.size) };
  }
}
