import { spawn } from 'node:child_process';
import { describeTarget } from './printer-uri';
import { PrintFailure, type PrinterConnection } from './connection';

/** A queue of the OS print system (CUPS `lp`): label bytes go raw; PDF goes as a document the queue's driver prints. */
export function queueConnection(queue: string, command = 'lp'): PrinterConnection {
  return {
    send(bytes, options = {}) {
      return new Promise((resolve, reject) => {
        const args = ['-d', queue, ...(options.document ? [] : ['-o', 'raw']), '-'];
        const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', (error: NodeJS.ErrnoException) =>
          reject(
            new PrintFailure(
              {
                kind: 'offline',
                message:
                  error.code === 'ENOENT'
                    ? `The print system (${command}) is not installed on this computer.`
                    : `${describeTarget({ kind: 'queue', queue })} failed: ${error.message}`,
              },
              false,
            ),
          ),
        );
        child.on('close', (code) => {
          if (code === 0) resolve();
          // lp refuses the whole job or takes it whole: a refusal delivered nothing.
          else
            reject(
              new PrintFailure(
                {
                  kind: 'offline',
                  message: `${describeTarget({ kind: 'queue', queue })} refused the job: ${stderr.trim() || `lp exited with ${code}`}`,
                },
                false,
              ),
            );
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(bytes);
      });
    },
  };
}
