import { describe, expect, it } from 'vitest';
import { expectedSign, signMatches } from '../../../electron/core/sandbox/signing';

describe('sandbox request signing (guides/sign-your-api-request.md)', () => {
  it('matches the documented test vector', () => {
    const query = new URLSearchParams({ app_key: '29a39d', timestamp: '1623812664' });
    expect(expectedSign('e59af819cc', '/authorization/202309/shops', query, '', 'application/json')).toBe(
      'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
    );
  });

  it('leaves sign and access_token out, sorts the rest, and ignores their order in the URL', () => {
    const a = new URLSearchParams({ timestamp: '1623812664', app_key: '29a39d', sign: 'x', access_token: 'y' });
    const b = new URLSearchParams({ app_key: '29a39d', timestamp: '1623812664' });
    expect(expectedSign('e59af819cc', '/authorization/202309/shops', a, '', '')).toBe(
      expectedSign('e59af819cc', '/authorization/202309/shops', b, '', ''),
    );
  });

  it('signs the body, except for multipart/form-data', () => {
    const q = new URLSearchParams({ app_key: 'k', timestamp: '1' });
    const json = expectedSign('s', '/p', q, '{"a":1}', 'application/json');
    expect(json).not.toBe(expectedSign('s', '/p', q, '', 'application/json'));
    expect(expectedSign('s', '/p', q, '--boundary', 'multipart/form-data; boundary=x')).toBe(
      expectedSign('s', '/p', q, '', ''),
    );
  });

  it('compares signs in full', () => {
    expect(signMatches('abc', 'abc')).toBe(true);
    expect(signMatches('abc', 'abd')).toBe(false);
    expect(signMatches('abc', 'ab')).toBe(false);
  });
});
