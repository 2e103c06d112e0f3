/**
 * The parallel callers of queue.bench.ts, in a process of their own. Fifty desks and LAN views run on machines of
 * their own; in the bench's process they would share one thread with the sandbox marketplace and with fetch(), whose
 * cost per call was more than the station's, so the figure timed the bench, not the station. Here each caller keeps
 * one connection open and accepts gzip, as a browser does, and speaks plain HTTP/1.1 on it (raw-http.ts): a call
 * counts as answered when its whole answer has arrived, and only a success counts. An answer is unzipped and checked
 * once; the same bytes again (the station sends a page it already sent as the same bytes) are compared, not unzipped
 * again: unzipping each of them is each desk's own work on its own machine, and here, one process for all 50, it took
 * 40% of this process's time, which the figure counted as waiting for the station. The page's JSON is not decoded.
 * The parent sends the job; this process answers with the samples and the CPU it used.
 */
import { gunzipSync } from 'node:zlib';
import { answerJob } from './child-job';
import { KeptConnection, requestBytes, type RawAnswer } from './raw-http';

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
/** Answers already unzipped and seen to be successes, by their length. */
const successes = new Map<number, Buffer[]>();

/** Whether an answer is a success: its bytes looked up among those already checked, else unzipped and checked. */
function isSuccess(answer: RawAnswer): boolean {
  if (answer.status !== 200) return false;
  const seen = successes.get(answer.body.length) ?? [];
  if (seen.some((known) => known.equals(answer.body))) return true;
  const body = answer.gzipped ? gunzipSync(answer.body) : answer.body;
  if (!body.subarray(0, SUCCESS.length).equals(SUCCESS)) return false;
  successes.set(answer.body.length, [...seen, Buffer.from(answer.body)]);
  return true;
}

async function run(job: CallersJob): Promise<CallersResult> {
  const url = new URL('api/call/orders.queue', job.url);
  const headers = { 'accept-encoding': 'gzip', ...job.headers };
  const requests = job.inputs.map((calls) => calls.map((input) => requestBytes('POST', url, headers, input)));
  const connections = await Promise.all(job.inputs.map(() => KeptConnection.open(url)));
  const cpu = process.cpuUsage();
  const samples: number[] = [];
  try {
    await Promise.all(
      requests.map(async (calls, c) => {
        for (const request of calls) {
          const start = performance.now();
          const answer = await connections[c]!.call(request);
          const elapsed = performance.now() - start;
          if (!isSuccess(answer)) {
            const text = (answer.gzipped ? gunzipSync(answer.body) : answer.body).toString('utf8', 0, 300);
            throw new Error(`orders.queue answered ${answer.head.split('\r\n')[0]}: ${text}`);
          }
          samples.push(elapsed);
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  const used = process.cpuUsage(cpu);
  return { samples, cpuMs: (used.user + used.system) / 1000 };
}

answerJob(run);
