import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError, Code, credentialError, documented } from './errors';
import type { FaultRule } from './faults';
import type { Route } from './route';
import { expectedSign, signMatches } from './signing';
import type { SandboxShop } from './world';

export interface SandboxCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

const randomToken = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export function newSandboxCredentials(): SandboxCredentials {
  return {
    appKey: randomToken('sbx').slice(0, 15),
    appSecret: randomToken(''),
    accessToken: randomToken('ROW_'),
    refreshToken: randomToken('RFT_'),
  };
}

/** Timestamp window TikTok accepts: 5 minutes back, 30 seconds ahead (guides/common-errors.md). */
const PAST_WINDOW = 300;
const FUTURE_WINDOW = 30;

/**
 * Who may call: the app's key and secret, the seller's tokens, and what has happened to them (refreshed, expired by
 * a fault, revoked by the seller). Checks each request the way guides/common-errors.md lists the refusals.
 */
export class Gate {
  private credentials: SandboxCredentials;
  /** Access tokens replaced by a refresh: TikTok answers "expired" for them rather than "invalid". */
  private readonly retired = new Set<string>();
  /** The expired_token fault while it holds (until a refresh). */
  expiry: FaultRule | null = null;
  /** The seller withdrew the authorisation: every call is refused until a new token is issued. */
  revoked = false;

  constructor(initial: SandboxCredentials) {
    this.credentials = { ...initial };
  }

  current(): SandboxCredentials {
    return { ...this.credentials };
  }

  /** The refusal this request earns, or the shop it addresses (null for app-level APIs). */
  check(
    req: IncomingMessage,
    url: URL,
    rawBody: string,
    route: Route,
    shops: readonly SandboxShop[],
    clock: number,
  ): SandboxShop | null {
    const query = url.searchParams;
    const sign = query.get('sign');
    if (!sign) throw credentialError('missingSign');
    if (query.get('app_key') !== this.credentials.appKey) throw credentialError('invalidAppKey');
    const timestamp = Number(query.get('timestamp'));
    if (!Number.isInteger(timestamp) || timestamp < 0) throw credentialError('timestampNegative');
    if (timestamp < clock - PAST_WINDOW) throw credentialError('timestampTooOld');
    if (timestamp > clock + FUTURE_WINDOW) throw credentialError('timestampAhead');
    if (
      !signMatches(
        expectedSign(this.credentials.appSecret, url.pathname, query, rawBody, req.headers['content-type'] ?? ''),
        sign,
      )
    )
      throw documented(Code.invalidSign);
    const header = req.headers['x-tts-access-token'];
    // Older clients pass the token as the access_token query parameter; TikTok words that refusal differently.
    const legacy = query.get('access_token');
    if (header === undefined && legacy !== null) this.checkToken(legacy, 'invalidAccessTokenQuery');
    else this.checkToken(header, 'invalidAccessToken');
    const version = query.get('version');
    if (version !== null && !url.pathname.includes(`/${version}/`)) throw credentialError('invalidVersion');
    const shopId = query.get('shop_id');
    if (shopId !== null && !shops.some((shop) => shop.id === shopId)) throw credentialError('invalidShopId');
    const cipher = query.get('shop_cipher');
    if (!route.shopScoped) {
      if (cipher !== null) throw credentialError('unexpectedShopCipher');
      return null;
    }
    if (!cipher) throw documented(Code.shopCipherMissing);
    const shop = shops.find((s) => s.cipher === cipher);
    if (!shop) throw documented(Code.shopCipherInvalid);
    return shop;
  }

  private checkToken(
    token: string | string[] | undefined,
    invalid: 'invalidAccessToken' | 'invalidAccessTokenQuery',
  ): void {
    if (typeof token === 'string' && this.retired.has(token)) throw documented(Code.tokenExpired);
    if (token !== this.credentials.accessToken || this.revoked) throw credentialError(invalid);
    if (this.expiry) throw documented(Code.tokenExpired);
  }

  /** /api/v2/token/refresh: new tokens for the refresh token, unless the fault or a revocation forbids it. */
  refresh(query: URLSearchParams): SandboxCredentials {
    if (query.get('app_key') !== this.credentials.appKey || query.get('app_secret') !== this.credentials.appSecret)
      throw credentialError('invalidAppKey');
    const refreshable = (!this.expiry || this.expiry.refreshable) && !this.revoked;
    if (
      query.get('grant_type') !== 'refresh_token' ||
      query.get('refresh_token') !== this.credentials.refreshToken ||
      !refreshable
    ) {
      throw new ApiError(105003, 'The refresh token is invalid or expired.');
    }
    return this.issue();
  }

  /** New access and refresh tokens, as when the seller authorises the app again. */
  issue(): SandboxCredentials {
    // A revoked token stays invalid; a refreshed one reads as expired.
    if (!this.revoked) this.retired.add(this.credentials.accessToken);
    this.credentials = { ...this.credentials, accessToken: randomToken('ROW_'), refreshToken: randomToken('RFT_') };
    this.expiry = null;
    this.revoked = false;
    return this.current();
  }
}
