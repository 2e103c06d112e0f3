import type { z } from 'zod';
import { readData, readEnvelope, networkError } from './answer';
import { kindOfCode, MarketplaceError, TikTokCode } from './errors';
import { TokenGrant } from './schemas';
import type { Connection } from './transport';

const TIKTOK_API_URL = 'https://open-api.tiktokglobalshop.com';
const TIKTOK_AUTH_URL = 'https://auth.tiktok-shops.com';

/**
 * Exchanges the connection's refresh token for new tokens (TikTok's token API). Throws MarketplaceError: kind
 * 'reconnect' when the marketplace refuses, so the seller must authorise the app again; transient or rate_limited
 * when the token service could not answer now (the refresh token may still be good).
 */
export async function requestTokenGrant(
  connection: Connection,
  timeoutMs: number,
): Promise<z.output<typeof TokenGrant>> {
  const call = 'refreshAccessToken';
  if (!connection.refreshToken) {
    throw new MarketplaceError({
      kind: 'reconnect',
      call,
      message: 'the access token expired and there is no refresh token: reconnect the shop',
    });
  }
  const apiUrl = connection.baseUrl.replace(/\/+$/, '');
  // TikTok serves tokens from a host of its own; any other marketplace (the sandbox, a test server) from its API's.
  const base = apiUrl === TIKTOK_API_URL ? TIKTOK_AUTH_URL : apiUrl;
  const query = new URLSearchParams({
    app_key: connection.appKey,
    app_secret: connection.appSecret,
    refresh_token: connection.refreshToken,
    grant_type: 'refresh_token',
  });
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}/api/v2/token/refresh?${query.toString()}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw networkError(call, error, false, timeoutMs);
  }
  const reading = readEnvelope(text);
  if (!reading.ok) {
    const httpStatus = response.status;
    if (httpStatus === 429 || httpStatus >= 500) {
      throw new MarketplaceError({
        kind: httpStatus === 429 ? 'rate_limited' : 'transient',
        call,
        message: `the token service is not answering (HTTP ${httpStatus})`,
        httpStatus,
      });
    }
    throw new MarketplaceError({
      kind: 'malformed',
      call,
      message: reading.field === 'body' ? 'the token answer is not JSON' : 'the token answer has no valid envelope',
      field: reading.field,
      httpStatus,
    });
  }
  const envelope = reading.envelope;
  if (envelope.code !== TikTokCode.ok) {
    const kind = kindOfCode(envelope.code, envelope.message);
    // "Internal error, try again" and rate limits say nothing about the refresh token: the shop stays connected.
    if (kind === 'transient' || kind === 'rate_limited') {
      throw new MarketplaceError({
        kind,
        call,
        code: envelope.code,
        requestId: envelope.request_id,
        message: `the marketplace could not refresh the access token now (${envelope.message})`,
      });
    }
    throw new MarketplaceError({
      kind: 'reconnect',
      call,
      code: envelope.code,
      requestId: envelope.request_id,
      message: `the marketplace refused to refresh the access token (${envelope.message}): reconnect the shop`,
    });
  }
  return readData(call, TokenGrant, envelope.data ?? {});
}
