/**
 * A label-drawing worker thread: takes label pages as plain data, answers the printer bytes. Runs the same driver
 * code as the main thread, so the bytes are the same; each worker keeps its own font and text-block caches.
 */
import { parentPort } from 'node:worker_threads';
import { driverFor } from './drivers';
import { EncodeRequest, type EncodeReply } from './label-pool-protocol';

const port = parentPort;
if (!port) throw new Error('label-worker runs only as a worker thread.');

port.on('message', (message: unknown) => {
  const request = EncodeRequest.parse(message);
  void (async () => {
    let reply: EncodeReply;
    try {
      const bytes = await driverFor(request.language, request.escpos).encodePages(request.pages);
      // A copy in a buffer of its own, so it can be handed over (transferred) instead of copied again.
      const out = new Uint8Array(bytes.length);
      out.set(bytes);
      reply = { id: request.id, bytes: out };
      port.postMessage(reply, [out.buffer]);
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
      port.postMessage(reply);
    }
  })();
});

port.postMessage({ ready: true });
