import 'i18next';
import type { namespaces } from './catalogue';

// t('key') is checked against the English catalogue of its namespace, so a key no text exists for fails the typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    // Keys are flat ('verdict.match'), as in the catalogues: a dot is part of the key, not a path.
    keySeparator: false;
    resources: { [N in keyof typeof namespaces]: (typeof namespaces)[N]['en'] };
  }
}
