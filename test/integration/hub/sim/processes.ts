import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

export interface ChildRun<T> {
  child: ChildProcess;
  /** What the process printed once ready; rejects when it exits before. */
  ready: Promise<T>;
  exited: Promise<void>;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A TypeScript entry run by node + tsx in one process (a SIGKILL reaches the program itself, not a wrapper). */
function startTs<T>(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  parse: (match: string) => T,
): ChildRun<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyAnswer = new Promise<T>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(parse(match[1]!));
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`${entry} exited (${signal ?? code}) before it was ready:\n${output.slice(-4000)}`)),
    );
  });
  readyAnswer.catch(() => undefined);
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    ready: readyAnswer,
    exited,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}

/** The hub as `npm run hub` runs it; ready with its URL. */
export function startHubProcess(env: Record<string, string>): ChildRun<string> {
  return startTs(join(ROOT, 'hub', 'src', 'main.ts'), env, /Packbench hub on (http:\/\/\S+)/, (url) => url);
}

/** A desk of the simulation (desk-main.ts); ready with its address and launch secret. */
export function startDeskProcess(env: Record<string, string>): ChildRun<{ url: string; secret: string }> {
  return startTs(join(__dirname, 'desk-main.ts'), env, /desk ready (\{.*\})\n/, (json) => {
    const parsed = JSON.parse(json) as { url: string; secret: string };
    return { url: parsed.url, secret: parsed.secret };
  });
}
