import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHubConfig } from '../../../hub/src/config';
import { bearer, hubToken, sameSecret, TOKEN_FILE } from '../../../hub/src/token';
import { validWebhookSignature, webhookSignature } from '../../../hub/src/webhooks';

describe('hub settings', () => {
  it('defaults: port 4800, 15 minutes idle, a batch of 5, the sandbox, a hub folder in the user data folder', () => {
    const config = readHubConfig({ XDG_CONFIG_HOME: '/home/pack/.config' });
    expect(config).toMatchObject({
      port: 4800,
      leaseIdleMs: 15 * 60_000,
      deskBatch: 5,
      databaseUrl: null,
      token: null,
      marketplace: { mode: 'sandbox' },
    });
    expect(config.dataDir).toBe(join('/home/pack/.config', 'Packbench', 'hub'));
  });

  it("reads the station's marketplace variables and its own", () => {
    const config = readHubConfig({
      PACKBENCH_HUB_PORT: '5000',
      PACKBENCH_HUB_DATABASE_URL: 'postgres://hub@db/warehouse',
      PACKBENCH_HUB_LEASE_IDLE_MINUTES: '2',
      PACKBENCH_MARKETPLACE_URL: 'https://open-api.tiktokglobalshop.com',
      PACKBENCH_APP_KEY: 'key',
      PACKBENCH_APP_SECRET: 'secret',
      PACKBENCH_ACCESS_TOKEN: 'token',
    });
    expect(config).toMatchObject({
      port: 5000,
      databaseUrl: 'postgres://hub@db/warehouse',
      leaseIdleMs: 120_000,
      marketplace: { mode: 'tiktok', appKey: 'key', appSecret: 'secret' },
    });
  });

  it('refuses a token too short to be a secret, and a port out of range', () => {
    expect(() => readHubConfig({ PACKBENCH_HUB_TOKEN: 'short' })).toThrow(/PACKBENCH_HUB_TOKEN/);
    expect(() => readHubConfig({ PACKBENCH_HUB_PORT: '70000' })).toThrow(/PACKBENCH_HUB_PORT/);
  });
});

describe('hub token', () => {
  it('is generated once, kept in the data folder, and the configured one wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-token-'));
    const first = hubToken(null, dir);
    expect(first.generated).toBe(true);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(first.token);
    expect(hubToken(null, dir)).toEqual({ token: first.token, generated: false });
    expect(hubToken('configured-token-0123456', dir)).toEqual({ token: 'configured-token-0123456', generated: false });
    rmSync(dir, { recursive: true, force: true });
  });

  it('is compared whole, and read from a Bearer header only', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(bearer('Bearer t0ken')).toBe('t0ken');
    expect(bearer('Basic t0ken')).toBeNull();
    expect(bearer(undefined)).toBeNull();
  });
});

describe('webhook signature', () => {
  // HMAC-SHA256 keyed with the app secret over app_key + body, in hex (TikTok's webhook guide).
  const body =
    '{"type":1,"shop_id":"7494049642642441621","data":{"order_id":"576486316948490001","order_status":"UNPAID"}}';

  it('is the hex HMAC-SHA256 of app key + raw body keyed with the app secret', () => {
    expect(webhookSignature('key', 'secret', '{"a":1}')).toBe(
      'f8f6c7bec0efe0094eda808ad36ce10dbff1293f8e54ae64b3fba6e42849b8cd',
    );
    expect(webhookSignature('key', 'secret', body)).not.toBe(webhookSignature('key2', 'secret', body));
    expect(validWebhookSignature('key', 'secret', body, webhookSignature('key', 'secret', body).toUpperCase())).toBe(
      true,
    );
  });

  it('is refused when missing, for another body or secret, and when the hub has no secret', () => {
    const good = webhookSignature('key', 'secret', body);
    expect(validWebhookSignature('key', 'secret', body, undefined)).toBe(false);
    expect(validWebhookSignature('key', 'secret', `${body} `, good)).toBe(false);
    expect(validWebhookSignature('key', 'other', body, good)).toBe(false);
    expect(validWebhookSignature('key', '', body, webhookSignature('key', '', body))).toBe(false);
  });
});
