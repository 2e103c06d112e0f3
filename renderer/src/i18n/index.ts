import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { appStrings } from '../app/strings';
import { auditStrings } from '../features/audit/strings';
import { cameraStrings } from '../features/camera/strings';
import { carriersStrings } from '../features/carriers/strings';
import { dashboardStrings } from '../features/dashboard/strings';
import { ordersStrings } from '../features/orders/strings';
import { packStrings } from '../features/pack/strings';
import { pickupsStrings } from '../features/pickups/strings';
import { printingStrings } from '../features/printing/strings';
import { settingsStrings } from '../features/settings/strings';
import { usersStrings } from '../features/users/strings';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** One namespace per feature, each with every locale, so a missing translation is a type error in that feature. */
export type Strings = Record<Locale, Record<string, string>>;

const namespaces: Record<string, Strings> = {
  app: appStrings,
  audit: auditStrings,
  dashboard: dashboardStrings,
  camera: cameraStrings,
  carriers: carriersStrings,
  orders: ordersStrings,
  pack: packStrings,
  pickups: pickupsStrings,
  printing: printingStrings,
  settings: settingsStrings,
  users: usersStrings,
};

const resources = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.fromEntries(Object.entries(namespaces).map(([ns, strings]) => [ns, strings[locale]]))]),
);

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'app',
  interpolation: { escapeValue: false },
});

export { i18next };
