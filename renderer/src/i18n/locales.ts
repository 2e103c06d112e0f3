export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** One namespace per feature, each with every locale, so a missing translation is a type error in that feature. */
export type Strings = Record<Locale, Record<string, string>>;
