import type { SecretCipher } from '../core/config/settings';

/** The slice of Electron's safeStorage the shell uses, so a test can hand it a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store Chromium picked ('basic_text' is a fixed, built-in key). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export interface Keychain {
  /** Seals marketplace secrets in the database; absent when there is no real keychain. */
  cipher: SecretCipher | undefined;
  /** Said once at start when secrets will be stored as entered, and why. */
  warning: string | null;
}

/**
 * The OS keychain (Keychain, DPAPI, libsecret) seals marketplace secrets where there is a real one. On Linux
 * without a keyring Chromium falls back to 'basic_text': a key built into every copy of Chromium, which hides
 * nothing, so it is treated as no keychain at all rather than as a protection it is not.
 */
export function keychain(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Keychain {
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      cipher: undefined,
      warning: 'No OS keychain is available: marketplace secrets are stored in the database as entered.',
    };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      cipher: undefined,
      warning:
        'The only keychain here is Chromium\'s "basic_text" store, which does not encrypt: marketplace secrets are stored in the database as entered. Install and unlock GNOME Keyring or KWallet to seal them.',
    };
  }
  return {
    cipher: {
      seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
    warning: null,
  };
}
