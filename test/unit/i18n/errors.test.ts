import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/contract/result';
import { namespaces } from '../../../renderer/src/i18n/catalogue';
import { LOCALES } from '../../../renderer/src/i18n/locales';
import { i18next } from '../../../renderer/src/i18n';
import { errorText } from '../../../renderer/src/i18n/errors';

/** What the station answers when the override reason is too short (electron/core/contract/dispatch.ts). */
const shortReason = Object.assign(new Error('Invalid input for pack.override: ✖ Give a reason\n  → at reason'), {
  code: 'invalid_input',
  details: [
    { code: 'too_small', origin: 'string', minimum: 3, inclusive: true, path: ['reason'], message: 'Give a reason' },
  ],
});

describe('messages for people, chosen by error code', () => {
  afterEach(() => i18next.changeLanguage('en'));

  it('every error code a contract call can answer with has a text in every language', () => {
    for (const locale of LOCALES)
      for (const code of ERROR_CODES)
        expect(namespaces.errors![locale][`code.${code}`], `${locale} ${code}`).toMatch(/\S/);
  });

  it('every language has the same error texts', () => {
    // The singular form (_one) is English's: Chinese has one plural form, _other (i18n/locales.ts, Translation).
    const keys = (strings: object) =>
      Object.keys(strings)
        .filter((key) => !key.endsWith('_one'))
        .sort();
    expect(keys(namespaces.errors['zh-CN'])).toEqual(keys(namespaces.errors.en));
  });

  it('a refused field says which field and what rule, never the schema path, in English and Chinese', async () => {
    expect(errorText(shortReason)).toBe('Reason: at least 3 characters.');
    await i18next.changeLanguage('zh-CN');
    expect(errorText(shortReason)).toBe('原因：至少 3 个字符。');
  });

  it('an exception or an unreachable marketplace shows no raw text; Chinese never shows the station’s English', async () => {
    expect(errorText(new TypeError('Cannot read properties of undefined (reading "x")'))).toBe(
      namespaces.errors!.en['code.internal'],
    );
    const unavailable = Object.assign(
      new Error('TikTok Shop cannot be reached (connect ECONNREFUSED 127.0.0.1:443 (retry 3))'),
      { code: 'unavailable' },
    );
    expect(errorText(unavailable)).toBe(namespaces.errors!.en['code.unavailable']);
    const refused = Object.assign(new Error('Order 1 is not packed yet: scan its items first.'), { code: 'conflict' });
    expect(errorText(refused)).toBe('Order 1 is not packed yet: scan its items first.');
    await i18next.changeLanguage('zh-CN');
    expect(errorText(refused)).toBe(namespaces.errors!['zh-CN']['code.conflict']);
  });
});
