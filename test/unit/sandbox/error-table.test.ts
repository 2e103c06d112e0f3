import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_MESSAGES, documentedMessage } from '../../../electron/core/sandbox/error-table';

/** The copy of TikTok's reference next to the repository (../shared, as the issues name it). */
const REFERENCE = join(process.cwd(), '..', 'shared', 'reference', 'tiktok-shop-api');
const hasReference = (() => {
  try {
    return readdirSync(REFERENCE).length > 0;
  } catch {
    return false;
  }
})();

describe('sandbox error table', () => {
  it('words the codes the station acts on exactly as the reference does', () => {
    expect(documentedMessage(21023035)).toBe('Please arrange shipment before retrieving the shipping document.');
    expect(documentedMessage(21042104)).toBe(
      "Documents couldn't be printed before shipped.Please check shipping is arranged and try again.",
    );
    expect(documentedMessage(21011025, 'ship-package')).toBe('Duplicate tracking number. ');
    expect(documentedMessage(21011025, 'mark-package-as-shipped')).toBe('Duplicate tracking number.');
    expect(documentedMessage(21011041, 'ship-package')).toBe('Cannot complete the operation when order is cancelled. ');
    expect(documentedMessage(36009003)).toBe(
      'Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.',
    );
    expect(documentedMessage(36009007)).toBe('Request timeout. The request to the endpoint timed out.');
    expect(documentedMessage(106001)).toBe('Invalid credentials. The sign query parameter is invalid.');
    expect(documentedMessage(12052032)).toBe('The product does not exist');
    expect(documentedMessage(99999999)).toBeNull();
    expect(CREDENTIAL_MESSAGES.invalidAccessToken).toBe(
      'Invalid credentials. The x-tts-access-token header is invalid.',
    );
  });

  it.runIf(hasReference)('holds every code of every spec file with that endpoint’s own message', () => {
    const files = readdirSync(join(REFERENCE, 'api'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.spec.json'),
    );
    let checked = 0;
    for (const file of files) {
      const spec = JSON.parse(readFileSync(join(REFERENCE, 'api', file), 'utf8')) as {
        document_api_meta: { error_code_list?: Array<{ code: string; msg: string }> };
      };
      const api = file.split('/').pop()!.replace('.spec.json', '');
      for (const { code, msg } of spec.document_api_meta.error_code_list ?? []) {
        expect(documentedMessage(Number(code), api), `${api} ${code}`).toBe(
          Number(code) === 36009004 ? CREDENTIAL_MESSAGES.missingSign : msg,
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
