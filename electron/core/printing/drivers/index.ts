import type { Driver, PrinterLanguage } from './driver';
import { escposDriver, type EscPosFlavour } from './escpos';
import { pdfDriver } from './pdf';
import { tsplDriver } from './tspl';
import { zplDriver } from './zpl';

export function driverFor(language: PrinterLanguage, escpos: EscPosFlavour = 'epson'): Driver {
  if (language === 'zpl') return zplDriver;
  if (language === 'tspl') return tsplDriver;
  if (language === 'pdf') return pdfDriver;
  return escposDriver(escpos);
}
