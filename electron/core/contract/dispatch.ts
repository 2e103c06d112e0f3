import { z } from 'zod';
import {
  calls,
  ContractError,
  isCallName,
  type CallName,
  type CallOutput,
  type ErrorCode,
  type ParsedInput,
  type Result,
  type SessionUser,
} from '../../../shared/contract';
import type { CallSpec, CallSpecs } from '../../../shared/contract/define';
import { databaseFault } from '../db/db-faults';
import { DomainError } from '../errors/domain-errors';

/** lan: the read-only view served to other machines; it can never reach a call that is not 'read'. */
export type Transport = 'ipc' | 'http' | 'lan';

export interface CallContext {
  transport: Transport;
  /** The user signed in at this station, if any. */
  user: SessionUser | null;
  /** Whether a supervisor lets the LAN view show order details and photos (the lan.details setting). */
  lanDetails?: boolean;
  /** The station's database file, named when a call fails because of it (disk full, read-only, damaged). */
  databaseFile?: string;
}

export type Handler<K extends CallName> = (
  input: ParsedInput<K>,
  ctx: CallContext,
) => CallOutput<K> | Promise<CallOutput<K>>;

/** A feature's handlers: exactly the calls its contract file declares, each with the right types. */
export type HandlersFor<S extends CallSpecs> = {
  [K in keyof S & CallName]: Handler<K>;
};

export type Handlers = HandlersFor<typeof calls>;

/** Why this caller may not make a call of this spec, or null when it may. */
function accessRefusal(spec: CallSpec, ctx: CallContext): string | null {
  if (ctx.transport === 'lan') {
    if (spec.access !== 'read' || !spec.lan) return 'The LAN view is read-only and shows the dashboard only.';
    if (spec.lan === 'details' && !ctx.lanDetails)
      return 'Order details and photos are off for the LAN view: a supervisor turns them on in Settings.';
    return null;
  }
  switch (spec.access) {
    case 'read':
    case 'signin':
      return null;
    case 'packer':
      return ctx.user ? null : 'Nobody is signed in at this station. Sign in with your PIN first.';
    case 'supervisor':
      return ctx.user?.role === 'supervisor' ? null : 'Only a supervisor can do this. Sign in with a supervisor PIN.';
  }
}

const CONTRACT_CODE = {
  invalid: 'invalid_input',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  unavailable: 'unavailable',
} as const satisfies Record<DomainError['kind'], ErrorCode>;

/** The one place the core's refusals become the contract's errors. */
function contractError(error: DomainError): ContractError {
  return new ContractError(CONTRACT_CODE[error.kind], error.message, error.details);
}

/**
 * The single entry point for both transports: checks the call exists, the caller may make it, and the input
 * matches its schema, then runs the handler and turns whatever happens into a Result.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  ctx: CallContext,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: { code: 'unknown_call', message: `There is no call named ${JSON.stringify(String(name)).slice(0, 80)}.` },
    };
  }
  const refusal = accessRefusal(calls[name], ctx);
  if (refusal) return { ok: false, error: { code: 'forbidden', message: refusal } };
  const spec = calls[name];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for ${name}: ${z.prettifyError(parsed.error)}`,
        details: parsed.error.issues,
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    const known = error instanceof DomainError ? contractError(error) : error;
    if (known instanceof ContractError) {
      return {
        ok: false,
        error: {
          code: known.code,
          message: known.message,
          ...(known.details === undefined ? {} : { details: known.details }),
        },
      };
    }
    const fault = databaseFault(error, ctx.databaseFile ?? 'the station database');
    if (fault) {
      console.error(`call ${name} failed: ${fault.message}`);
      return { ok: false, error: { code: 'unavailable', message: fault.message, details: { fault: fault.kind } } };
    }
    console.error(`call ${name} failed:`, error);
    return {
      ok: false,
      error: { code: 'internal', message: `${name} failed: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
}
