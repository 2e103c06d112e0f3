import { InvalidRequest } from '../../errors/domain-errors';
import { PRINTER_LANGUAGES, type PrinterLanguage } from '../drivers/driver';

/**
 * Where a printer is, as one string a supervisor can type and PACKBENCH_PRINTER can hold:
 *   tcp://192.168.1.50:9100   raw TCP (JetDirect), the usual network label printer
 *   usb:///dev/usb/lp0        a USB printer's device file (Linux); file:// is the same
 *   lp://Zebra_ZD421          a queue of the OS print system, sent raw (lp -o raw); PDF is sent as a document
 *   virtual                   the built-in virtual printer
 * A query string may set the language and resolution: tcp://10.0.0.9:9100?language=tspl&dpi=300
 */
export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'queue'; queue: string }
  | { kind: 'virtual' };

export interface PrinterAddress {
  uri: string;
  target: PrinterTarget;
  language?: PrinterLanguage;
  dpi?: 203 | 300;
}

class PrinterUriError extends InvalidRequest {}

export function parsePrinterUri(uri: string): PrinterAddress {
  const text = uri.trim();
  if (/^virtual($|[?:])/.test(text)) return { uri: text, target: { kind: 'virtual' }, ...options(text) };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PrinterUriError(
      `"${text}" is not a printer address. Use tcp://host:9100, usb:///dev/usb/lp0, lp://queue or virtual.`,
    );
  }
  const extra = options(text);
  if (url.protocol === 'tcp:') {
    if (!url.hostname) throw new PrinterUriError(`${text}: the printer's host name or IP address is missing.`);
    return {
      uri: text,
      target: { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 9100 },
      ...extra,
    };
  }
  if (url.protocol === 'usb:' || url.protocol === 'file:') {
    if (!url.pathname || url.pathname === '/')
      throw new PrinterUriError(`${text}: the device file is missing (e.g. usb:///dev/usb/lp0).`);
    return { uri: text, target: { kind: 'device', path: decodeURIComponent(url.pathname) }, ...extra };
  }
  if (url.protocol === 'lp:' || url.protocol === 'cups:') {
    const queue = decodeURIComponent(url.hostname || url.pathname.replace(/^\/+/, ''));
    if (!/^[\w.@-]+$/.test(queue)) throw new PrinterUriError(`${text}: "${queue}" is not a print queue name.`);
    return { uri: text, target: { kind: 'queue', queue }, ...extra };
  }
  throw new PrinterUriError(`${text}: Packbench prints over tcp://, usb://, lp:// or to the virtual printer.`);
}

function options(text: string): { language?: PrinterLanguage; dpi?: 203 | 300 } {
  const query = text.includes('?') ? new URLSearchParams(text.slice(text.indexOf('?') + 1)) : new URLSearchParams();
  const language = query.get('language');
  const dpi = Number(query.get('dpi'));
  if (language && !(PRINTER_LANGUAGES as readonly string[]).includes(language))
    throw new PrinterUriError(`language=${language}: use one of ${PRINTER_LANGUAGES.join(', ')}.`);
  if (query.get('dpi') && dpi !== 203 && dpi !== 300)
    throw new PrinterUriError(`dpi=${query.get('dpi')}: use 203 or 300.`);
  return {
    ...(language ? { language: language as PrinterLanguage } : {}),
    ...(dpi === 203 || dpi === 300 ? { dpi } : {}),
  };
}

/** How a target reads to a packer: "the printer at 10.0.0.9:9100". */
export function describeTarget(target: PrinterTarget): string {
  if (target.kind === 'tcp') return `the printer at ${target.host}:${target.port}`;
  if (target.kind === 'device') return `the USB printer ${target.path}`;
  if (target.kind === 'queue') return `the print queue ${target.queue}`;
  return 'the virtual printer';
}
