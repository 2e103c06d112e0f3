/**
 * Runs a bench's callers in a process of their own (as the machines they stand in for are), and waits for their
 * result: the child takes one job message and answers `{ ok, result }` or `{ ok: false, message }` (answerJob).
 */
import { fork } from 'node:child_process';

export function runChildJob<Job, Result>(script: string, job: Job): Promise<Result> {
  const child = fork(script, [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ok: true; result: Result } | { ok: false; message: string }) =>
      message.ok ? resolve(message.result) : reject(new Error(message.message)),
    );
    child.once('exit', (code) => reject(new Error(`the callers' process ended (${code}) before answering`)));
    child.once('error', reject);
    child.send(job as object);
  });
}

/** The child's side: runs the job it is sent, answers, and exits. */
export function answerJob<Job, Result>(run: (job: Job) => Promise<Result>): void {
  process.once('message', (job: Job) => {
    run(job).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => process.send!({ ok: false, message: String(error) }, () => process.exit(1)),
    );
  });
}
