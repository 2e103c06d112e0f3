import { z } from 'zod';

/**
 * Why a parcel's label waits or failed, by code: the station sends the code and the few facts its sentence needs,
 * and the desk chooses the words in its own language (renderer/src/features/pack/strings.ts, labelReason.*).
 */
export const LABEL_REASON_CODES = [
  // TikTok ships the order
  'no_package',
  'arranging',
  'offline_ship',
  'reconnect_shop',
  'ship_refused',
  'ship_dropped',
  'tiktok_preparing',
  'offline_label',
  'connection_refused',
  'label_refused',
  'document_bad',
  'package_gone',
  // The seller ships it
  'no_carrier_no_option',
  'no_carrier_no_default',
  'no_provider_id',
  'no_range',
  'carrier_own_label',
  'next_parcel',
  'tracking_in_use',
  'tracking_refused',
  // At the printer
  'printer_offline',
  'printer_paper_out',
  'printer_cover_open',
  'printer_paused',
  'print_failed',
  'label_voided',
  // The order
  'order_cancelled',
  'parcel_refused',
] as const;
export type LabelReasonCode = (typeof LABEL_REASON_CODES)[number];

/** Why a print job waits at its printer, by code: the printer reasons among the label reasons. */
const PRINTER_WAITS = [
  'printer_offline',
  'printer_paper_out',
  'printer_cover_open',
  'printer_paused',
] as const satisfies readonly LabelReasonCode[];
export type PrinterWait = (typeof PRINTER_WAITS)[number];
export const PrinterWait = z.enum(PRINTER_WAITS);

/** The one thing to do about a label, by code (labelTodo.*). */
export const LABEL_TODO_CODES = [
  'press_print',
  'pull_again',
  'choose_carrier',
  'scan_tracking',
  'another_tracking',
  'fix_printer',
  'print_again',
  'fetch_again',
  'ask_again',
  'reconnect_shop',
  'resolve_sync',
  'resolve_ship_write',
  'put_back',
  'take_out',
] as const;
export type LabelTodoCode = (typeof LABEL_TODO_CODES)[number];

/** The facts a sentence names: the carrier, a tracking number, the order's delivery option. */
const Facts = {
  carrier: z.string().max(100).optional(),
  trackingNumber: z.string().max(100).optional(),
  option: z.string().max(200).optional(),
};

export const LabelReason = z.object({ code: z.enum(LABEL_REASON_CODES), ...Facts });
export type LabelReason = z.infer<typeof LabelReason>;

export const LabelTodo = z.object({ code: z.enum(LABEL_TODO_CODES), ...Facts });
export type LabelTodo = z.infer<typeof LabelTodo>;
