import { z } from 'zod';
import { Dpi, type LabelPage } from '../../../shared/domain/label/model';
import { PRINTER_LANGUAGES } from './drivers/driver';

/** What crosses between the station and a label worker: checked on arrival, like anything crossing a boundary. */
const Element = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    role: z.string(),
    x: z.number(),
    y: z.number(),
    width: z.number(),
    lines: z.array(z.string()),
    size: z.number(),
    weight: z.union([z.literal(400), z.literal(700)]),
    align: z.enum(['start', 'center', 'end']),
  }),
  z.object({
    kind: z.literal('barcode'),
    role: z.string(),
    x: z.number(),
    y: z.number(),
    height: z.number(),
    module: z.number(),
    modules: z.string(),
    data: z.string(),
    gs1: z.boolean(),
  }),
  z.object({
    kind: z.literal('box'),
    x: z.number(),
    y: z.number(),
    width: z.number(),
    height: z.number(),
    thickness: z.number(),
  }),
]);

const Page: z.ZodType<LabelPage> = z.object({
  widthDots: z.number(),
  heightDots: z.number(),
  dpi: Dpi,
  elements: z.array(Element),
});

export const EncodeRequest = z.object({
  id: z.number().int(),
  language: z.enum(PRINTER_LANGUAGES),
  escpos: z.enum(['epson', 'star']),
  pages: z.array(Page),
});
export type EncodeRequest = z.infer<typeof EncodeRequest>;

export const EncodeReply = z.union([
  z.object({ id: z.number().int(), bytes: z.instanceof(Uint8Array) }),
  z.object({ id: z.number().int(), error: z.string() }),
]);
export type EncodeReply = z.infer<typeof EncodeReply>;

/** The first message of a worker: its code is loaded, labels can come. */
export const WorkerReady = z.object({ ready: z.literal(true) });
