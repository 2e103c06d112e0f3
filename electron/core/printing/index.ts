// The printing feature's public entry: print jobs and their queue, drivers, tracking numbers, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { driverFor } from './drivers';
export { type PrinterLanguage } from './drivers/driver';
export type { KeptDocument, ParcelFacts, SellerCarrier } from './parcel-facts';
export { markLabelled } from './printable-orders';
export { labelPrinterConfig, type LabelPrinterConfig } from './printing-config';
export { printingHandlers } from './printing-handlers';
export { startPrinting, type PrintingService } from './printing-service';
export { TrackingStore } from './tracking-store';
export { interpretZpl, renderZplFormat } from './zpl-interpreter';
