/**
 * The desks of hub.bench.ts's claim figure, in a process of their own: every desk asks for its next order at once,
 * round after round, each on its own kept-open connection (raw-http.ts). Each answer is checked for the order it
 * leases. Twenty desks are twenty machines; in one thread with fetch() their client work queued behind each other's,
 * and the last desk of a round counted the others' work as waiting for the hub.
 */
import { answerJob } from './child-job';
import { KeptConnection, requestBytes } from './raw-http';

export interface DesksJob {
  url: string;
  token: string;
  desks: number;
  rounds: number;
}

export interface DesksResult {
  /** ms from sending each claim to its whole answer. */
  samples: number[];
  /** The order each claim leased, the warm-up round's included. */
  ids: string[];
}

async function run(job: DesksJob): Promise<DesksResult> {
  const url = new URL('/api/v1/leases/next', job.url);
  const desks = Array.from({ length: job.desks }, (_, desk) => desk);
  const requests = desks.map((desk) =>
    requestBytes(
      'POST',
      url,
      { authorization: `Bearer ${job.token}`, 'x-packbench-desk': `bench-desk-${desk}` },
      { packer: 'bench' },
    ),
  );
  const connections = await Promise.all(desks.map(() => KeptConnection.open(url)));
  const claim = async (desk: number) => {
    const started = performance.now();
    const answer = await connections[desk]!.call(requests[desk]!);
    const ms = performance.now() - started;
    const body =
      answer.status === 200
        ? (JSON.parse(answer.body.toString()) as { leased: { order: { id: string } } | null })
        : null;
    if (!body?.leased)
      throw new Error(`claim failed: ${answer.head.split('\r\n')[0]} ${answer.body.toString().slice(0, 300)}`);
    return { ms, id: body.leased.order.id };
  };
  try {
    // One warm-up round: connections, plans and caches, as on a hub that has been running.
    const ids = (await Promise.all(desks.map(claim))).map((r) => r.id);
    const samples: number[] = [];
    for (let round = 0; round < job.rounds; round += 1) {
      for (const r of await Promise.all(desks.map(claim))) {
        samples.push(r.ms);
        ids.push(r.id);
      }
    }
    return { samples, ids };
  } finally {
    for (const connection of connections) connection.close();
  }
}

answerJob(run);
