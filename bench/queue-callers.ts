/**
 * The parallel callers of queue.bench.ts, in a process of their own. Fifty desks and LAN views run on machines of
 * their own; in the bench's process they would share one thread with the sandbox marketplace and fetch()'s own cost
 * (more than the station's per call), so the figure would time the bench, not the station. Here each caller keeps
 * its connection open, as a browser does, and a call counts as answered when the whole answer has arrived and reads
 * as a success; the page is not decoded, which is the caller's own work. The parent sends the job, this process
 * answers with the samples and the CPU it used.
 */
import { Agent, request } from 'node:http';

export interface CallersJob {
  url: string;
  headers: Record<string, string>;
  /** inputs[c]: caller c's calls, made one after the other. */
  inputs: unknown[][];
}

export interface CallersResult {
  /** ms from sending each call to its last answer byte. */
  samples: number[];
  cpuMs: number;
}

const SUCCESS = Buffer.from('{"ok":true,');

function post(agent: Agent, url: URL, headers: Record<string, string>, input: unknown): Promise<void> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const answer = Buffer.concat(chunks);
          if (res.statusCode === 200 && answer.subarray(0, SUCCESS.length).equals(SUCCESS)) resolve();
          else reject(new Error(`orders.queue answered ${res.statusCode}: ${answer.toString('utf8', 0, 300)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(job: CallersJob): Promise<CallersResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.inputs.length });
  const url = new URL('api/call/orders.queue', job.url);
  const cpu = process.cpuUsage();
  const samples: number[] = [];
  await Promise.all(
    job.inputs.map(async (calls) => {
      for (const input of calls) {
        const start = performance.now();
        await post(agent, url, job.headers, input);
        samples.push(performance.now() - start);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { samples, cpuMs: (used.user + used.system) / 1000 };
}

process.once('message', (job: CallersJob) => {
  run(job).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, message: String(error) }, () => process.exit(1)),
  );
});
