import { describe, expect, it } from 'vitest';
import { kindOfCode, MarketplaceError, type MarketplaceErrorKind } from '../../../electron/core/marketplace/errors';

/** Every 36009004 message of guides/common-errors.md, word for word, with what the station must do about it. */
const CREDENTIAL_MESSAGES: Array<[string, MarketplaceErrorKind]> = [
  ['Missing credentials. The request does not include a required signature in the query.', 'config'],
  ['Invalid credentials. The `access_token` header is invalid.', 'reconnect'],
  ['Invalid credentials. The `x-tts-access-token` header is invalid.', 'reconnect'],
  ['Invalid credentials. Invalid `app_key` query parameter.', 'reconnect'],
  ['Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.', 'clock'],
  [
    'Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.',
    'clock',
  ],
  [
    'Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.',
    'clock',
  ],
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
    for (const kind of [
      'reconnect',
      'config',
      'rejected',
      'already_shipped',
      'tracking_in_use',
      'document_unavailable',
      'not_found',
    ] as const) {
      expect(error(kind).retryable).toBe(false);
    }
  });
});

/**
 * The codes the spec files of the endpoints the client calls list (error_code_list), and guides/common-errors.md, by
 * what their message tells the station to do. Any code not here is 'rejected' (surfaced with its request id).
 */
const SPEC_CODES: Array<[number, MarketplaceErrorKind, string]> = [
  // "try again (later)", system timeouts and internal failures: time fixes them.
  [
    10002014,
    'transient',
    'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  ],
  [
    10002015,
    'transient',
    'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  ],
  [
    10037002,
    'transient',
    'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  ],
  [
    10037003,
    'transient',
    'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  ],
  [
    10037004,
    'transient',
    'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  ],
  [11001027, 'transient', 'System timeout. If this error persists, please contact the platform for assistance.'],
  [11001031, 'transient', 'System process error, please try again later.'],
  [11005010, 'transient', 'get lead time from card service error'],
  [11006005, 'transient', 'System process error, please try again later.'],
  [11006010, 'transient', 'Internal package status error, please try again later.'],
  [11006026, 'transient', 'System process error, please try again later.'],
  [11034023, 'transient', 'Shipping document generation timeout error, please try again later.'],
  [11034025, 'transient', 'Internal package tag error, pleaser try again later.'],
  [21001003, 'transient', 'System timeout. If the error persists, please contact the platform for assistance.'],
  [21001029, 'transient', 'rpc logistics_logistics_service_4b failed'],
  [21001043, 'transient', 'System process error, please try again later.'],
  [21001055, 'transient', 'System process error, please try again later.'],
  [21008300, 'transient', 'System process error, please try again later.'],
  [21022026, 'transient', 'Cannot purchase shipping label, please try again later.'],
  [21022029, 'transient', 'System process error, please try again later.'],
  [21022030, 'transient', 'System process error, please try again later.'],
  [
    21023022,
    'transient',
    'Unknown label print timeout error. If the error persists, please contact the platform for assistance.',
  ],
  [21023034, 'transient', 'Internal package update error, please try again later.'],
  [21034006, 'transient', 'decision route occurs error'],
  [21042001, 'transient', 'System process error, please try again later.'],
  [21042076, 'transient', 'System process error, please try again later.'],
  // The label is still being made: ask again later, as before Ship Package.
  [
    11034037,
    'document_unavailable',
    'The shipping document is still being generated by the logistics provider, please try again later.',
  ],
  // The write already happened.
  [21042056, 'already_shipped', 'These orders are already shipped.'],
  [21011027, 'already_shipped', 'Package has already been delivered.'],
  [21023046, 'already_shipped', 'Package has already been shipped.'],
  // The order is gone.
  [21011042, 'cancelled', 'Cannot complete the operation when order is cancelled.'],
  [21023059, 'cancelled', 'Package has already been cancelled.'],
  [25001010, 'cancelled', 'A return request has already been completed, or the order has already been cancelled.'],
  // The tracking number or its provider is wrong: correct it.
  [
    11028006,
    'invalid_tracking',
    'This tracking number cannot be matched to any carrier, please check the tracking number and upload again.',
  ],
  [21004012, 'invalid_tracking', 'Tracking number has special characters, verify failed.'],
  [21004015, 'invalid_tracking', 'Tracking number mismatch provider.'],
  [21004016, 'invalid_tracking', 'Tracking number verify, not avalible logsitics service or provider'],
  // The tracking number is taken: another one.
  [21034012, 'tracking_in_use', 'tracking no has been used'],
  [21011026, 'tracking_in_use', 'fulfillment tracking no used times over limit'],
  // The product is not this shop's (any more).
  [12052048, 'not_found', "You cannot edit the specified product(s) as it isn't listed in your account or shop. "],
  // The authorisation lacks what the call needs: the seller authorises again.
  [
    101000,
    'reconnect',
    'Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.',
  ],
  [
    105005,
    'reconnect',
    'Access denied. The app is not authorized to access the endpoint because the access scopes granted for the app or the access token do not contain the required access scope for the endpoint.',
  ],
  [10006402, 'reconnect', 'permission denied'],
  // The request or the app's settings are wrong: retrying cannot help.
  [36009009, 'config', 'Invalid path. The specified path does not match any available endpoint.'],
  [36009010, 'config', 'Invalid method. The HTTP method used is not supported by this endpoint.'],
  [
    36009022,
    'config',
    'Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.',
  ],
  [36009023, 'config', 'Invalid request format. The value of the `content-type` header must be `multipart/form-data`.'],
  [36009033, 'config', 'Access denied. Your IP address is not in the IP allow list configured for this app.'],
  [12052704, 'config', 'seller id not exist'],
  // Business refusals: surfaced, never resent unchanged.
  [21042102, 'rejected', "Documents couldn't be printed after the package has been pickup."],
  [21011030, 'rejected', 'fulfillment not allow update tracking no'],
  [
    11021009,
    'rejected',
    'No available shipping services for this request. Please modify the package weight or check the recipient address.',
  ],
  [10007014, 'rejected', 'package in freeze status'],
];

describe('every code the reference lists for the endpoints the client calls', () => {
  it.each(SPEC_CODES)('code %i is %s (%s)', (code, kind, message) => {
    expect(kindOfCode(code, message)).toBe(kind);
  });
});
