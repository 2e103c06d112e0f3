import { open } from 'node:fs/promises';
import { describeTarget } from './printer-uri';
import { PrintFailure, type PrinterConnection } from './connection';

const REASONS: Record<string, string> = {
  ENOENT: 'is not connected (the device file does not exist): plug it in and switch it on',
  ENODEV: 'is not connected: plug it in and switch it on',
  ENXIO: 'is switched off or unplugged',
  EACCES: 'may not be written by this user: add the user to the "lp" group',
  EPERM: 'may not be written by this user: add the user to the "lp" group',
  EBUSY: 'is busy with another program',
};

/** A USB printer's device file (Linux /dev/usb/lp0): the kernel passes the bytes straight to the printer. */
export function deviceConnection(path: string): PrinterConnection {
  const failure = (error: NodeJS.ErrnoException, delivered: boolean) =>
    new PrintFailure(
      {
        kind: delivered ? 'error' : 'offline',
        message: `${describeTarget({ kind: 'device', path })} ${REASONS[error.code ?? ''] ?? `failed (${error.message})`}.`,
      },
      delivered,
    );
  return {
    async send(bytes) {
      let handle;
      try {
        handle = await open(path, 'w');
      } catch (error) {
        throw failure(error as NodeJS.ErrnoException, false);
      }
      try {
        await handle.write(bytes);
      } catch (error) {
        throw failure(error as NodeJS.ErrnoException, true);
      } finally {
        await handle.close();
      }
    },
  };
}
