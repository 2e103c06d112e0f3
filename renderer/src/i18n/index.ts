import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { namespaces } from './catalogue';
import { LOCALES } from './locales';

export { LOCALES, type Locale, type Strings } from './locales';

const resources = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    Object.fromEntries(Object.entries(namespaces).map(([ns, strings]) => [ns, strings[locale]])),
  ]),
);

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'app',
  keySeparator: false,
  interpolation: { escapeValue: false },
});

export { i18next };
