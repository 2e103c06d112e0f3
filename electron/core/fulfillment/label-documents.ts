import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TikTokShopClient } from '../marketplace';
import type { PrinterLanguage } from '../printing';
import type { DocumentFormat } from './shipment-store';

export interface KeptLabel {
  path: string;
  format: DocumentFormat;
  trackingNumber: string | null;
}

/** TikTok answered with something that is not the document it was asked for. */
export class DocumentError extends Error {}

const SIGNATURES: Record<DocumentFormat, (bytes: Buffer) => boolean> = {
  PNG: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  PDF: (bytes) => bytes.subarray(0, 5).toString('latin1') === '%PDF-',
  ZPL: (bytes) => bytes.toString('utf8').includes('^XA'),
};

/**
 * Which document to ask TikTok for: the label picture (PNG) for thermal printers, which the station draws at the
 * printer's dpi; the A6 PDF for PDF printers; ZPL as it is for a ZPL printer of a Brazilian shop (TikTok serves
 * ZPL in Brazil only).
 */
function documentFor(
  language: PrinterLanguage,
  shopRegion: string | null,
): { format: DocumentFormat; options: Parameters<TikTokShopClient['getShippingDocument']>[2] } {
  if (language === 'pdf')
    return { format: 'PDF', options: { documentType: 'SHIPPING_LABEL', documentSize: 'A6', documentFormat: 'PDF' } };
  if (language === 'zpl' && shopRegion === 'BR')
    return { format: 'ZPL', options: { documentType: 'SHIPPING_LABEL', documentSize: 'A6', documentFormat: 'ZPL' } };
  return { format: 'PNG', options: { documentType: 'SHIPPING_LABEL_PICTURE' } };
}

/**
 * Fetches TikTok's label of a shipped package and keeps it under <dataDir>/labels: its download link lasts 24 hours,
 * while reprints and a printer that comes back days later need the very same document. Throws the client's
 * MarketplaceError (document_unavailable before Ship Package) or DocumentError.
 */
export async function fetchAndKeepLabel(
  client: TikTokShopClient,
  dataDir: string,
  ref: { orderId: string; shopId: string; packageId: string },
  language: PrinterLanguage,
): Promise<KeptLabel> {
  const shop = (await client.shops()).find((candidate) => candidate.id === ref.shopId);
  const { format, options } = documentFor(language, shop?.region ?? null);
  const document = await client.getShippingDocument(ref.shopId, ref.packageId, options);
  const { bytes } = await client.downloadDocument(document.docUrl);
  const file = Buffer.from(bytes);
  if (!SIGNATURES[format](file)) throw new DocumentError(`TikTok Shop sent a label that is not a ${format} file.`);
  const folder = join(dataDir, 'labels');
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${safeName(ref.orderId)}-${safeName(ref.packageId)}.${format.toLowerCase()}`);
  // Written aside and renamed, so a crash never leaves half a label where a whole one is expected.
  await writeFile(`${path}.part`, file);
  await rename(`${path}.part`, path);
  return { path, format, trackingNumber: document.trackingNumber };
}

const safeName = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
