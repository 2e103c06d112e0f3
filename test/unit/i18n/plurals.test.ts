import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { namespaces } from '../../../renderer/src/i18n/catalogue';

/** English text that counts something with a plural noun after the number ("{{count}} items"). */
const COUNTED_NOUN = /\{\{count\}\} [a-z]+s\b/;

describe('the message catalogue counts in good English and Chinese', () => {
  it('every English "{{count}} <nouns>" text has its singular form, and Chinese has the same plural keys', () => {
    const wrong: string[] = [];
    for (const [ns, strings] of Object.entries(namespaces)) {
      for (const [key, text] of Object.entries(strings.en)) {
        if (!COUNTED_NOUN.test(text)) continue;
        const base = key.replace(/_(one|other)$/, '');
        if (!(`${base}_one` in strings.en) || !(`${base}_other` in strings.en))
          wrong.push(`${ns}:${key} has no _one/_other pair`);
        // Chinese has one plural form: without `_other` i18next would fall back to the English plural.
        if (!(`${base}_other` in strings['zh-CN'])) wrong.push(`${ns}:${base}_other missing in zh-CN`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says "1 item" and "2 items", and 件 in Chinese', async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: { en: { pack: namespaces.pack!.en }, 'zh-CN': { pack: namespaces.pack!['zh-CN'] } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    expect(i18n.t('queue.units', { ns: 'pack', count: 1 })).toBe('1 item');
    expect(i18n.t('queue.units', { ns: 'pack', count: 2 })).toBe('2 items');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('queue.units', { ns: 'pack', count: 1 })).toBe('1 件');
  });
});
