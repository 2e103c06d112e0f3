/**
 * `npm run sandbox`: the sandbox marketplace on its own, for a second station or for trying the API by hand.
 * Options (environment): SANDBOX_PORT (default 4790), SANDBOX_SEED (1), SANDBOX_ORDERS (120),
 * SANDBOX_ARRIVAL_SECONDS (900), SANDBOX_COLLECT_SECONDS (10800: the carrier's first scan after Ship Package; 0 only
 * on POST /sandbox/packages/<id>/collect). It prints the credentials a station needs, as PACKBENCH_* variables.
 */
import { z } from 'zod';
import { startSandbox } from './server';

const Env = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4790),
  SANDBOX_SEED: z.coerce.number().int().default(1),
  SANDBOX_ORDERS: z.coerce.number().int().min(0).max(200_000).default(120),
  SANDBOX_ARRIVAL_SECONDS: z.coerce.number().int().min(0).default(900),
  SANDBOX_COLLECT_SECONDS: z.coerce.number().int().min(0).default(10_800),
});

async function main(): Promise<void> {
  const env = Env.parse(process.env);
  const sandbox = await startSandbox({
    port: env.SANDBOX_PORT,
    seed: env.SANDBOX_SEED,
    orders: env.SANDBOX_ORDERS,
    arrivalEverySeconds: env.SANDBOX_ARRIVAL_SECONDS,
    collectAfterSeconds: env.SANDBOX_COLLECT_SECONDS,
  });
  const credentials = sandbox.credentials();
  // These are throwaway credentials of a local test server, printed on purpose so a station can be pointed at it.
  console.log(`Sandbox marketplace ready at ${sandbox.url}`);
  console.log('Point a station at it with:');
  console.log(`  PACKBENCH_MARKETPLACE_URL=${sandbox.url}`);
  console.log(`  PACKBENCH_APP_KEY=${credentials.appKey}`);
  console.log(`  PACKBENCH_APP_SECRET=${credentials.appSecret}`);
  console.log(`  PACKBENCH_ACCESS_TOKEN=${credentials.accessToken}`);
  console.log(
    `Control: GET ${sandbox.url}/sandbox/state; POST /sandbox/faults, /sandbox/orders, /sandbox/orders/<id>/cancel,`,
  );
  console.log(
    '  /sandbox/orders/<id>/address, /sandbox/packages/<id>/collect, /sandbox/tokens/revoke, /sandbox/tokens/issue, /sandbox/clock',
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The sandbox marketplace could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
