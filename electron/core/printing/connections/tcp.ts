import { connect, type Socket } from 'node:net';
import { describeTarget } from './printer-uri';
import { PrintFailure, type PrinterConnection } from './connection';

const CONNECT_TIMEOUT_MS = 4000;
const SEND_TIMEOUT_MS = 30_000;

function offline(name: string, detail: string): PrintFailure {
  const message = `${name.charAt(0).toUpperCase()}${name.slice(1)} is not answering (${detail}): is it switched on and on the network?`;
  return new PrintFailure({ kind: 'offline', message }, false);
}

function open(host: string, port: number, name: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(offline(name, 'no connection within 4 s'));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(offline(name, error.code ?? error.message));
    });
  });
}

/** Raw TCP (port 9100, "JetDirect"): the job is the bytes; the printer closing cleanly after them is success. */
export function tcpConnection(
  host: string,
  port: number,
  name = describeTarget({ kind: 'tcp', host, port }),
): PrinterConnection {
  return {
    async send(bytes) {
      const socket = await open(host, port, name);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => socket.destroy(new Error('the printer took more than 30 s to take the label')),
          SEND_TIMEOUT_MS,
        );
        socket.on('error', (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          // Bytes handed to the socket may have reached the printer: never resend them blindly.
          reject(
            new PrintFailure(
              {
                kind: 'error',
                message: `The connection to ${name} broke while sending (${error.code ?? error.message}): the label may have printed partly. Check the printer, then reprint if needed.`,
              },
              socket.bytesWritten > 0,
            ),
          );
        });
        socket.end(bytes, () => {
          clearTimeout(timer);
          socket.destroySoon();
          resolve();
        });
      });
    },
    async query(bytes, complete, timeoutMs) {
      const socket = await open(host, port, name);
      return new Promise((resolve) => {
        let reply = Buffer.alloc(0);
        const done = (value: Buffer | null) => {
          clearTimeout(timer);
          socket.destroy();
          resolve(value);
        };
        const timer = setTimeout(() => done(null), timeoutMs);
        socket.on('data', (chunk: Buffer) => {
          reply = Buffer.concat([reply, chunk]);
          if (complete(reply)) done(reply);
        });
        socket.on('error', () => done(null));
        socket.write(bytes);
      });
    },
  };
}
