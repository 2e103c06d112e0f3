import { describe, expect, it } from 'vitest';
import { WEIGHT_REFUSALS } from '../../../shared/contract/scale';
import { SCALE_STATES } from '../../../shared/domain/weight/hid-report';
import { TYPED_REFUSALS } from '../../../shared/domain/weight/typed';
import { LOCALES } from '../../../renderer/src/i18n/locales';
import { scaleStrings } from '../../../renderer/src/features/scale/strings';

describe('the scale’s words', () => {
  it('every scale state, refused weighing and refused typed weight has a text in every language', () => {
    const keys = [
      ...Object.values(SCALE_STATES).map((state) => `state.${state}`),
      ...WEIGHT_REFUSALS.map((reason) => `refusal.${reason}`),
      ...TYPED_REFUSALS.map((code) => `typed.${code}`),
      ...['usb', 'virtual', 'none'].map((feed) => `feed.${feed}`),
    ];
    for (const locale of LOCALES) {
      const strings = scaleStrings[locale] as Record<string, string | undefined>;
      for (const key of keys)
        expect({ locale, key, text: strings[key]?.trim() || null }).not.toMatchObject({ text: null });
    }
  });
});
