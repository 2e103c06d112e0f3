import { CustomsSettings } from '../../../shared/domain/label/customs';
import { SellerAddress } from '../../../shared/domain/label/build-label';
import type { Dpi, LabelSize } from '../../../shared/domain/label/model';
import type { Settings } from '../config/settings';
import type { PrinterLanguage } from './drivers/driver';
import type { EscPosFlavour } from './drivers/escpos';
import { parsePrinterUri, type PrinterAddress } from './connections/printer-uri';

export interface LabelPrinterConfig {
  address: PrinterAddress;
  language: PrinterLanguage;
  dpi: Dpi;
  size: LabelSize;
  escpos: EscPosFlavour;
}

/** The desk's label printer: PACKBENCH_PRINTER or the saved one; language and dpi in its URI win over the settings. */
export function labelPrinterConfig(settings: Settings): LabelPrinterConfig {
  const address = parsePrinterUri(settings.string('printing.labelPrinter'));
  return {
    address,
    language: address.language ?? (settings.string('printing.labelLanguage') as PrinterLanguage),
    dpi: address.dpi ?? (settings.number('printing.dpi') as Dpi),
    size: settings.string('printing.labelSize') as LabelSize,
    escpos: settings.string('printing.escposFlavour') as EscPosFlavour,
  };
}

export function documentPrinter(settings: Settings): PrinterAddress | null {
  const uri = settings.string('printing.documentPrinter');
  return uri ? parsePrinterUri(uri) : null;
}

export function sellerAddress(settings: Settings): SellerAddress {
  return SellerAddress.parse({
    name: settings.string('seller.name'),
    phone: settings.string('seller.phone'),
    lines: [settings.string('seller.street'), settings.string('seller.street2')].filter((line) => line.trim() !== ''),
    city: settings.string('seller.city'),
    region: settings.string('seller.region'),
    postalCode: settings.string('seller.postalCode'),
    countryCode: settings.string('seller.country'),
  });
}

export function customsSettings(settings: Settings): CustomsSettings {
  return CustomsSettings.parse({
    category: settings.string('customs.category'),
    hsCode: settings.string('customs.hsCode'),
    originCountry: settings.string('customs.originCountry'),
    cn22Limit: settings.number('customs.cn22Limit'),
    cn22Currency: settings.string('customs.cn22Currency'),
    importerReference: settings.string('customs.importerReference'),
  });
}

/** The ship date printed on labels: today in the station's time zone, as YYYY-MM-DD. */
export function shipDate(now: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
