import { connect, type Socket } from 'node:net';
import { describeTarget } from './printer-uri';
import { PrintFailure, type PrinterConnection } from './connection';

const CONNECT_TIMEOUT_MS = 4000;
const SEND_TIMEOUT_MS = 30_000;
/** A status question's timer this late was held up by this process, not by the printer (see query). */
const STALL_MS = 50;
const STALL_GRACE_MS = 100;

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
        // A timer that fires late means this process was busy (labels being drawn, a loaded machine) and could not read
        // the reply, or (the virtual printer) make it: after such a stall the printer gets a short grace before the
        // question counts as unanswered. On a loaded CI run a stall made the station send a label to a printer that was
        // out of labels, because it had not listened for the answer.
        const asked = performance.now();
        const expire = (graced: boolean) => {
          const late = performance.now() - asked - timeoutMs;
          if (!graced && late > STALL_MS) timer = setTimeout(() => expire(true), STALL_GRACE_MS);
          else done(null);
        };
        let timer = setTimeout(() => expire(false), timeoutMs);
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
