import { z } from 'zod';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import { DeskQueue, type DeskRefresh } from './desk-queue';
import { HubLink } from './hub-link';

const HubEnv = z.object({
  PACKBENCH_HUB_URL: z.url({ protocol: /^https?$/ }),
  PACKBENCH_HUB_TOKEN: z
    .string()
    .trim()
    .min(16, 'PACKBENCH_HUB_TOKEN must be the token the hub printed (16+ characters)'),
});

/** The desk's link to its warehouse hub when PACKBENCH_HUB_URL is set, else null (the desk works alone). */
export function hubLinkFromEnv(env: NodeJS.ProcessEnv, deskId: string): HubLink | null {
  if (!env.PACKBENCH_HUB_URL?.trim()) return null;
  const parsed = HubEnv.safeParse({
    PACKBENCH_HUB_URL: env.PACKBENCH_HUB_URL.trim(),
    PACKBENCH_HUB_TOKEN: env.PACKBENCH_HUB_TOKEN ?? '',
  });
  if (!parsed.success)
    throw new Error(`joining the warehouse hub: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  return new HubLink({ url: parsed.data.PACKBENCH_HUB_URL, token: parsed.data.PACKBENCH_HUB_TOKEN, deskId });
}

/** Leases last 15 minutes by default: renewing every 30 s keeps them well inside any idle setting a warehouse picks. */
const REFRESH_MS = 30_000;

export interface DeskQueueLoop {
  queue: DeskQueue;
  refreshNow(): Promise<DeskRefresh | null>;
  stop(): void;
}

/**
 * Keeps a joined desk's batch fresh: at once, then every 30 s (renewing its leases). A refresh that fails is logged
 * and retried at the next tick; the desk goes on with what it holds.
 */
export function startDeskQueue(options: {
  db: Db;
  link: HubLink;
  now: () => number;
  onRefresh(result: DeskRefresh): void;
  /** The station's events: an order packed or put on hold here is reported to the hub at once. */
  bus?: EventBus;
  log?: (line: string) => void;
}): DeskQueueLoop {
  const queue = new DeskQueue(options.db, options.link, options.now);
  let running: Promise<DeskRefresh | null> | null = null;
  // A refresh asked for while one runs: that one may have read the desk's orders before the change, so one more follows.
  let again = false;
  const run = (): Promise<DeskRefresh | null> =>
    queue
      .refresh()
      .then((result) => {
        options.onRefresh(result);
        return result;
      })
      .catch((error: unknown) => {
        options.log?.(`hub: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void refreshNow();
        }
      });
  const refreshNow = () => {
    if (running) again = true;
    return (running ??= run());
  };
  void refreshNow();
  const timer = setInterval(() => void refreshNow(), REFRESH_MS);
  timer.unref();
  // Finished or held here: its lease ends now (the hub counts it, no desk can claim it) and the batch is topped up.
  const unsubscribe =
    options.bus?.subscribe((event) => {
      if (event.name === 'pack.changed' && FINISHED_HERE.has(event.payload.stationState)) void refreshNow();
    }) ?? (() => undefined);
  return {
    queue,
    refreshNow,
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

/** Station states after which the desk's lease of an order ends (pack.changed). */
const FINISHED_HERE: ReadonlySet<string> = new Set(['packed', 'held']);
