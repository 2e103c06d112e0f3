import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../electron/core/contract/dispatch';
import {
  Conflict,
  Forbidden,
  InvalidRequest,
  NotFound,
  Unavailable,
} from '../../../electron/core/errors/domain-errors';

/** Handlers of which only settings.list is called: it throws what the test gives it. */
const throwing = (error: Error) => ({ 'settings.list': () => Promise.reject(error) }) as unknown as Handlers;
const ctx = { transport: 'http' as const, user: null };

describe('domain errors become contract errors at the dispatcher only', () => {
  it('maps each kind of refusal to its contract code, with its message and details', async () => {
    const cases = [
      [new InvalidRequest('bad'), 'invalid_input'],
      [new Forbidden('not you'), 'forbidden'],
      [new NotFound('gone'), 'not_found'],
      [new Conflict('busy', { jobId: 7 }), 'conflict'],
      [new Unavailable('away'), 'unavailable'],
    ] as const;
    for (const [error, code] of cases) {
      const result = await dispatch(throwing(error), 'settings.list', {}, ctx);
      expect(result).toEqual({
        ok: false,
        error: { code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
      });
    }
  });

  it('keeps any other failure internal', async () => {
    const result = await dispatch(throwing(new Error('boom')), 'settings.list', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('keeps contract errors out of the core: only the dispatcher speaks them', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const speaking = files('electron/core')
      .filter((file) => file.endsWith('.ts') && !file.startsWith(join('electron/core', 'contract')))
      .filter((file) => /new ContractError\b/.test(readFileSync(file, 'utf8')));
    expect(speaking).toEqual([]);
  });
});
