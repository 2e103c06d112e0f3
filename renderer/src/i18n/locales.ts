export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export type Strings = Record<Locale, Record<string, string>>;

/** i18next's plural suffixes that English needs and Chinese, which has one form, leaves out. */
type SingularKey = `${string}_one`;

/** Every English key of a namespace, each with a text: the Chinese side of defineStrings. */
export type Translation<E> = { readonly [K in keyof E as K extends SingularKey ? never : K]: string } & {
  readonly [K in keyof E as K extends SingularKey ? K : never]?: string;
};

/**
 * One namespace per feature. English defines the keys; every other locale must give each of them a text and no
 * other, so a text missing (or left behind) in one language fails the typecheck in that feature's strings file.
 */
export function defineStrings<const E extends Record<string, string>>(strings: {
  en: E;
  'zh-CN': Translation<E>;
}): { en: E; 'zh-CN': Translation<E> } {
  return strings;
}
