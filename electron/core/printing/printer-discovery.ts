import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import type { PrinterCandidate } from '../../../shared/contract/printing';
import { describeTarget, parsePrinterUri } from './connections/printer-uri';
import type { PrintingDeps } from './printing-deps';

/** Lists the USB printer device files and the OS print queues this computer has, quietly empty where there are none. */
async function localPrinters(): Promise<Array<z.infer<typeof PrinterCandidate>>> {
  let devices: string[] = [];
  try {
    devices = readdirSync('/dev/usb').filter((name) => /^lp\d+$/.test(name));
  } catch {
    // No USB printer class devices on this computer.
  }
  const queues = await new Promise<string[]>((resolve) => {
    execFile('lpstat', ['-e'], { timeout: 2000 }, (error, stdout) =>
      resolve(
        error
          ? []
          : stdout
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
      ),
    );
  });
  return [
    ...devices.map((name) => ({
      uri: `usb:///dev/usb/${name}`,
      describe: describeTarget({ kind: 'device', path: `/dev/usb/${name}` }),
      kind: 'device' as const,
    })),
    ...queues.map((queue) => ({
      uri: `lp://${queue}`,
      describe: describeTarget({ kind: 'queue', queue }),
      kind: 'queue' as const,
    })),
  ];
}

/** The virtual printer, this computer's printers, and the configured one if it is none of those. */
export async function printerCandidates(
  settings: PrintingDeps['settings'],
  virtualPort: number | null,
): Promise<Array<z.infer<typeof PrinterCandidate>>> {
  const virtual = {
    uri: 'virtual',
    describe: `the virtual printer (port ${virtualPort ?? '-'})`,
    kind: 'virtual' as const,
  };
  const configured = settings.string('printing.labelPrinter');
  const list = [virtual, ...(await localPrinters())];
  if (!list.some((candidate) => candidate.uri === configured)) {
    try {
      const address = parsePrinterUri(configured);
      list.push({ uri: configured, describe: describeTarget(address.target), kind: address.target.kind });
    } catch {
      // A configured URI that does not parse is reported by printing.status.
    }
  }
  return list;
}
