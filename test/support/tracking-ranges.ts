import type { CallInput } from '../../shared/contract';
import type { tempStation } from './temp-station';

type RangeInput = CallInput<'printing.addRange'>;

/** The demo supervisor's PIN, which a fresh station core (tempStation) still has. */
const DEMO_SUPERVISOR_PIN = '9999';

/**
 * The UPS tracking-number range a supervisor enters, so UPS labels get a number the station gives out itself.
 * 'prov-ups' is the shipping provider of the orders makeOrder builds; tests on the sandbox's orders pass its UPS id.
 */
export function upsRange(numbers: Partial<Pick<RangeInput, 'first' | 'last' | 'shippingProviderId'>> = {}): RangeInput {
  return {
    carrier: 'UPS',
    formatId: 'ups-1z',
    prefix: '1Z999AA101',
    suffix: '',
    serialWidth: 7,
    first: 1000,
    last: 1999,
    shippingProviderId: 'prov-ups',
    ...numbers,
  };
}

/**
 * The set-up a supervisor does once at a station core before UPS labels can print: signs in and enters the UPS
 * range. The supervisor stays signed in, for whatever else the test sets up before a packer signs in.
 */
export async function supervisorAddsUpsRange(
  station: Awaited<ReturnType<typeof tempStation>>,
  numbers: Parameters<typeof upsRange>[0] = {},
): Promise<void> {
  const login = await station.call('http', 'session.login', { pin: DEMO_SUPERVISOR_PIN });
  if (!login.ok) throw new Error(`supervisor sign-in: ${login.error.message}`);
  const added = await station.call('http', 'printing.addRange', upsRange(numbers));
  if (!added.ok) throw new Error(`UPS range: ${added.error.message}`);
}
