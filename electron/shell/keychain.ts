import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeychainAnswer } from '../core/ports/protocol';

/** The slice of Electron's safeStorage the shell uses, so a test can hand it a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store Chromium picked ('basic_text' is a fixed, built-in key). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * The OS keychain (Keychain, DPAPI, libsecret) guards the station's secret key where there is a real one: the key
 * lives in the data folder sealed by the keychain, and only this process can open it (the core has no keychain).
 * On Linux without a keyring Chromium falls back to 'basic_text': a key built into every copy of Chromium, which
 * hides nothing, so it is treated as no keychain at all rather than as a protection it is not.
 */
export function coreKey(safeStorage: SafeStorageLike, platform: NodeJS.Platform, keyFile: string): KeychainAnswer {
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      key: null,
      warning: 'No OS keychain is available: marketplace secrets are stored in the database as entered.',
    };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      key: null,
      warning:
        'The only keychain here is Chromium\'s "basic_text" store, which does not encrypt: marketplace secrets are stored in the database as entered. Install and unlock GNOME Keyring or KWallet to seal them.',
    };
  }
  let warning: string | null = null;
  if (existsSync(keyFile)) {
    try {
      return { key: safeStorage.decryptString(readFileSync(keyFile)), warning: null };
    } catch {
      warning =
        'The OS keychain cannot open the station key any more (was the keychain reset?): a new key is made, and marketplace secrets saved before must be entered again.';
    }
  }
  const key = randomBytes(32).toString('base64');
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, safeStorage.encryptString(key), { mode: 0o600 });
  return { key, warning };
}
