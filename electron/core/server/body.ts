import type { IncomingMessage } from 'node:http';

export type Body = { ok: true; text: string } | { ok: false; message: string };

/** Past this much more, a client that keeps sending after its 413 is cut off instead of read to the end. */
const DRAIN_LIMIT_BYTES = 16_000_000;

const tooLarge = (limit: number): Body => ({
  ok: false,
  message: `The request body is larger than ${limit.toLocaleString('en')} bytes; nothing was done.`,
});

/**
 * Reads a request body up to the limit. An oversized body is answered, not cut off: the rest is read and dropped
 * so the client gets its 413 instead of a connection reset.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    if (declared > DRAIN_LIMIT_BYTES) {
      req.resume();
      resolve(tooLarge(limit));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (over) {
        if (size > DRAIN_LIMIT_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? tooLarge(limit) : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('close', () => {
      if (over) resolve(tooLarge(limit));
    });
    req.on('error', reject);
  });
}
