import { PrintFailure, type PrinterConnection } from './connection';
import { deviceConnection } from './device';
import type { PrinterTarget } from './printer-uri';
import { queueConnection } from './queue';
import { tcpConnection } from './tcp';

/** One interface for every way a printer is attached; the virtual printer is a TCP printer on this computer. */
export function connectionFor(target: PrinterTarget, virtualPort: number | null): PrinterConnection {
  if (target.kind === 'tcp') return tcpConnection(target.host, target.port);
  if (target.kind === 'device') return deviceConnection(target.path);
  if (target.kind === 'queue') return queueConnection(target.queue);
  if (virtualPort === null) {
    const failure = new PrintFailure(
      { kind: 'offline', message: 'The virtual printer is not running: switch it on in Settings, Printing.' },
      false,
    );
    return { send: () => Promise.reject(failure) };
  }
  return tcpConnection('127.0.0.1', virtualPort, 'the virtual printer');
}
