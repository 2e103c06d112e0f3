import { networkInterfaces } from 'node:os';
import { startHub } from './hub';

/** The address desks on the warehouse network use when the hub listens on every interface. */
function deskUrl(url: string, host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return url;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
  return lan ? url.replace('127.0.0.1', lan.address) : url;
}

/** `npm run hub`: the warehouse hub in a Node process of its own; Ctrl-C or SIGTERM stops it cleanly. */
async function main(): Promise<void> {
  const hub = await startHub();
  console.log(
    `Packbench hub on ${hub.url} (marketplace: ${hub.marketplace.mode}${hub.marketplace.sandbox ? ` at ${hub.marketplace.sandbox.url}` : ''})`,
  );
  console.log(
    `data: ${hub.config.dataDir}${hub.config.databaseUrl ? ' (database: PACKBENCH_HUB_DATABASE_URL)' : ' (embedded PostgreSQL)'}`,
  );
  if (hub.tokenGenerated || !hub.config.token)
    console.log(
      `desk token: ${hub.token}  (kept in ${hub.config.dataDir}/hub-token; set PACKBENCH_HUB_TOKEN to choose one)`,
    );
  console.log(
    `a desk joins with: PACKBENCH_HUB_URL=${deskUrl(hub.url, hub.config.host)} PACKBENCH_HUB_TOKEN=<token> npm start`,
  );
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: stopping the hub`);
    void hub.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The hub did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
