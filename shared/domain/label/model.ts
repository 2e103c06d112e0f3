import { z } from 'zod';

export const LabelSize = z.enum(['4x6', '100x150']);
export type LabelSize = z.infer<typeof LabelSize>;
export const Dpi = z.union([z.literal(203), z.literal(300)]);
export type Dpi = z.infer<typeof Dpi>;

const LABEL_SIZES: Record<LabelSize, { widthMm: number; heightMm: number }> = {
  '4x6': { widthMm: 101.6, heightMm: 152.4 },
  '100x150': { widthMm: 100, heightMm: 150 },
};

/**
 * Dots of a label at a resolution, as printers count them: 4x6 in is 812 x 1218 at 203 dpi (1200 x 1800 at 300);
 * metric stock at 8 dots/mm (203 dpi heads) or 12 dots/mm (300 dpi heads): 100x150 mm is 800 x 1200.
 */
export function labelDots(size: LabelSize, dpi: Dpi): { width: number; height: number } {
  if (size === '4x6') return { width: 4 * dpi, height: 6 * dpi };
  const perMm = dpi === 203 ? 8 : 12;
  return { width: LABEL_SIZES[size].widthMm * perMm, height: LABEL_SIZES[size].heightMm * perMm };
}

/** Coordinates are printer dots from the top left; text y is the top of its first line. */
export interface TextElement {
  kind: 'text';
  /** What the text is (recipient, tracking-text, ...): printers and tests find fields by it. */
  role: string;
  x: number;
  y: number;
  width: number;
  lines: string[];
  size: number;
  weight: 400 | 700;
  align: 'start' | 'center' | 'end';
}

export interface BarcodeElement {
  kind: 'barcode';
  role: string;
  x: number;
  y: number;
  height: number;
  /** Width of one module in dots. */
  module: number;
  /** Code 128 modules, '1' for a bar. */
  modules: string;
  data: string;
  gs1: boolean;
}

/** A rectangle: filled when thickness is 0, else its outline that many dots thick. */
export interface BoxElement {
  kind: 'box';
  x: number;
  y: number;
  width: number;
  height: number;
  thickness: number;
}

export type LabelElement = TextElement | BarcodeElement | BoxElement;

export interface LabelPage {
  widthDots: number;
  heightDots: number;
  dpi: Dpi;
  elements: LabelElement[];
}

/** The fields the marketplace's label rules require, as printed: tests and the virtual printer check them. */
export interface LabelFields {
  recipientName: string;
  recipientAddress: string[];
  recipientPostalCode: string;
  orderNumber: string;
  sellerName: string;
  sellerAddress: string[];
  carrier: string;
  service: string;
  /** Null on a label of a parcel that was not weighed. */
  weight: string | null;
  shipDate: string;
  trackingNumber: string;
}

export interface LabelDocument {
  /** The shipping label, then a CN23 page when the customs value or weight needs one. */
  pages: LabelPage[];
  customsForm: 'CN22' | 'CN23' | null;
  fields: LabelFields;
}

export class LabelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelError';
  }
}
