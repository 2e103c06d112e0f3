import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../i18n';
import { errorText } from '../i18n/errors';
import { callStation } from '../station/bridge';

/** Each language named in itself, so someone who cannot read the current one still finds theirs. */
const NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * The station's language (the station.locale setting): every screen switches at once, without a reload, because
 * the app shell follows settings.changed.
 */
export function LanguageSwitch({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation('settings');
  const [error, setError] = useState<string | null>(null);
  const change = (locale: string) =>
    callStation('settings.update', { key: 'station.locale', value: locale }).then(
      () => setError(null),
      (failure: unknown) => setError(errorText(failure)),
    );
  return (
    <p className="language-switch">
      <label>
        {t('language')}{' '}
        <select
          value={i18n.language}
          disabled={!editable}
          onChange={(event) => void change(event.target.value)}
          data-testid="language-switch"
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale} translate="no">
              {NAMES[locale]}
            </option>
          ))}
        </select>
      </label>
      {error && <span className="message message--error">{error}</span>}
    </p>
  );
}
