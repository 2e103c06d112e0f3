import { describe, expect, it } from 'vitest';
import { kindOfCode, MarketplaceError, type MarketplaceErrorKind } from '../../../electron/core/marketplace/errors';

/** Every 36009004 message of guides/common-errors.md, word for word, with what the station must do about it. */
const CREDENTIAL_MESSAGES: Array<[string, MarketplaceErrorKind]> = [
  ['Missing credentials. The request does not include a required signature in the query.', 'config'],
  ['Invalid credentials. The `access_token` header is invalid.', 'reconnect'],
  ['Invalid credentials. The `x-tts-access-token` header is invalid.', 'reconnect'],
  ['Invalid credentials. Invalid `app_key` query parameter.', 'reconnect'],
  ['Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.', 'clock'],
  ['Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.', 'clock'],
  ['Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.', 'clock'],
  ['Unexpected identifier. The `shop_cipher` query parameter is not required for this request.', 'config'],
  ['Unexpected identifier. The `category_asset_cipher` query parameter is not required for this request.', 'config'],
  ['Invalid identifier. The `shop_id` query parameter is invalid.', 'config'],
  ['Invalid API version. The `version` query parameter is invalid.', 'config'],
];

/** Codes with one meaning, as TIKTOK-API.md's table and the spec files' error lists give them. */
const CODES: Array<[number, MarketplaceErrorKind]> = [
  [106001, 'config'],
  [106011, 'config'],
  [106013, 'config'],
  [105002, 'reconnect'],
  [36009002, 'rate_limited'],
  [36009003, 'transient'],
  [36009007, 'transient'],
  [21001008, 'transient'],
  [21001011, 'transient'],
  [21001001, 'rejected'],
  [21011040, 'already_shipped'],
  [11006021, 'already_shipped'],
  [21008099, 'already_shipped'],
  [21011020, 'already_shipped'],
  [21011006, 'already_shipped'],
  [21011041, 'cancelled'],
  [21011022, 'invalid_tracking'],
  [21011025, 'tracking_in_use'],
  [21023035, 'document_unavailable'],
  [21042104, 'document_unavailable'],
  [12019150, 'not_found'],
  [12052032, 'not_found'],
  [12052260, 'not_found'],
  [11034002, 'rejected'],
];

describe('reading TikTok answer codes', () => {
  it.each(CREDENTIAL_MESSAGES)('36009004 "%s" is %s', (message, kind) => {
    expect(kindOfCode(36009004, message)).toBe(kind);
  });

  it.each(CREDENTIAL_MESSAGES)('36009004 "%s" reads the same without the markdown backticks', (message, kind) => {
    expect(kindOfCode(36009004, message.replace(/`/g, ''))).toBe(kind);
  });

  it('reads an unknown 36009004 message as a configuration error, never as a clock to retry', () => {
    expect(kindOfCode(36009004, 'Something else went wrong.')).toBe('config');
    expect(kindOfCode(36009004)).toBe('config');
  });

  it.each(CODES)('code %i is %s', (code, kind) => {
    expect(kindOfCode(code, 'whatever the message says')).toBe(kind);
  });

  it('retries only what time can fix', () => {
    const error = (kind: MarketplaceErrorKind) => new MarketplaceError({ kind, call: 'x', message: 'm' });
    expect(error('transient').retryable).toBe(true);
    expect(error('rate_limited').retryable).toBe(true);
    for (const kind of ['reconnect', 'config', 'rejected', 'already_shipped', 'tracking_in_use', 'document_unavailable', 'not_found'] as const) {
      expect(error(kind).retryable).toBe(false);
    }
  });
});
