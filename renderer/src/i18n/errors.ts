import i18next from 'i18next';
import { PIN_REFUSALS, type PinRefusalDetails } from '../../../shared/contract/pin-refusal';
import { ERROR_CODES, type ErrorCode } from '../../../shared/contract/result';
import { errorStrings } from './error-strings';
import { keyFor } from './keys';

/** A zod issue as the station sends it with invalid input (see electron/core/contract/dispatch.ts). */
interface Issue {
  code?: string;
  path?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** Codes whose station sentence is written for people (what to do, which order), shown as it is in English. */
const SPOKEN = new Set<ErrorCode>(['invalid_input', 'forbidden', 'not_found', 'conflict']);

function issueText(issue: Issue): string {
  const last = [...(issue.path ?? [])].reverse().find((part): part is string => typeof part === 'string') ?? 'other';
  const field = i18next.t(keyFor(errorStrings.en, 'name.', last) ?? 'name.other', { ns: 'errors' });
  return i18next.t(keyFor(errorStrings.en, 'field.', issue.code) ?? 'field.other', {
    ns: 'errors',
    field,
    minimum: Number(issue.minimum ?? 0),
    maximum: Number(issue.maximum ?? 0),
  });
}

/**
 * The words a packer or supervisor reads for a failed call, in the UI's language, chosen by the error's code (and,
 * for refused input, by the field and its rule): never a schema path, an exception's text or a stack of parentheses.
 */
export function errorText(failure: unknown): string {
  // A CallFailed (station/bridge) by its shape: anything else (a network error, a bug) is 'internal'.
  const { code: raw, details } = (failure ?? {}) as { code?: unknown; details?: unknown };
  const code: ErrorCode =
    typeof raw === 'string' && (ERROR_CODES as readonly string[]).includes(raw) ? (raw as ErrorCode) : 'internal';
  if (code === 'invalid_input' && Array.isArray(details) && details.length > 0) return issueText(details[0] as Issue);
  if (SPOKEN.has(code) && i18next.language === 'en' && failure instanceof Error && !failure.message.includes('('))
    return failure.message;
  return i18next.t(`errors:code.${code}`);
}

/** How long a desk waits after too many wrong PINs, in the unit a person reads: seconds under a minute, else minutes. */
export function pinWaitText(seconds: number): string {
  return seconds < 60
    ? i18next.t('errors:pin.pin_throttled_seconds', { count: seconds })
    : i18next.t('errors:pin.pin_throttled_minutes', { count: Math.ceil(seconds / 60) });
}

/**
 * The words for a refused PIN or a sign-in that failed, chosen by code: the reason the station gives in the error's
 * details (wrong PIN, not a supervisor's, too many tries and how long to wait, unusable), a station this screen
 * cannot reach, else the error's code as errorText reads it.
 */
export function pinErrorText(failure: unknown): string {
  const { code, details } = (failure ?? {}) as { code?: unknown; details?: unknown };
  const refusal = details as Partial<PinRefusalDetails> | undefined;
  const reason = (PIN_REFUSALS as readonly unknown[]).includes(refusal?.reason) ? refusal!.reason! : null;
  if (reason === 'pin_throttled') return pinWaitText(Math.ceil((refusal?.retryAfterMs ?? 0) / 1000));
  if (reason) return i18next.t(`errors:pin.${reason}`);
  if (code === 'unavailable' || !(typeof code === 'string')) return i18next.t('errors:station.unreachable');
  return errorText(failure);
}
