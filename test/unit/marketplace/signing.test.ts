import { describe, expect, it } from 'vitest';
import { signaturesMatch, signRequest } from '../../../electron/core/marketplace/signing';

describe('TikTok Shop request signing', () => {
  it('matches the published worked example', () => {
    const sign = signRequest({
      appSecret: 'e59af819cc',
      path: '/authorization/202309/shops',
      query: { app_key: '29a39d', timestamp: '1623812664' },
    });
    expect(sign).toBe('b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8');
  });

  it('leaves sign and access_token out and does not depend on parameter order', () => {
    const base = { appSecret: 'e59af819cc', path: '/authorization/202309/shops' };
    const plain = signRequest({ ...base, query: { timestamp: '1623812664', app_key: '29a39d' } });
    const withExtras = signRequest({
      ...base,
      query: { sign: 'x', access_token: 'secret-token', app_key: '29a39d', timestamp: '1623812664' },
    });
    expect(withExtras).toBe(plain);
  });

  it('covers the body and every other query parameter', () => {
    const base = {
      appSecret: 's',
      path: '/order/202309/orders/search',
      query: { app_key: 'k', timestamp: '1', shop_cipher: 'c', page_size: '100' },
    };
    const withBody = signRequest({ ...base, body: '{"order_status":"AWAITING_SHIPMENT"}' });
    expect(withBody).not.toBe(signRequest(base));
    expect(signRequest({ ...base, query: { ...base.query, page_size: '50' } })).not.toBe(signRequest(base));
    expect(withBody).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares signatures without accepting a prefix or a different length', () => {
    expect(signaturesMatch('abcd', 'abcd')).toBe(true);
    expect(signaturesMatch('abcd', 'abc')).toBe(false);
    expect(signaturesMatch('abcd', 'abce')).toBe(false);
  });
});
