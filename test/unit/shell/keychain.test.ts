import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyCipher } from '../../../electron/core/ports/key-cipher';
import { coreKey, type SafeStorageLike } from '../../../electron/shell/keychain';

/** A reversible stand-in for safeStorage: what matters is that the key file holds only what it returns. */
const fake = (available: boolean, backend?: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
  decryptString: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage');
    return Buffer.from(text.slice('sealed:'.length), 'hex').toString();
  },
});

const keyFile = () => join(mkdtempSync(join(tmpdir(), 'packbench-key-')), 'data', 'station-key.sealed');

describe("the station core's key in the keychain", () => {
  it('makes one key, keeps it sealed by the keychain, and gives the same key at every start', () => {
    for (const [storage, platform] of [
      [fake(true, 'gnome_libsecret'), 'linux'],
      [fake(true, 'kwallet5'), 'linux'],
      [fake(true), 'darwin'],
      [fake(true), 'win32'],
    ] as const) {
      const file = keyFile();
      const first = coreKey(storage, platform, file);
      expect(first.warning).toBeNull();
      expect(Buffer.from(first.key!, 'base64')).toHaveLength(32);
      expect(readFileSync(file, 'utf8')).not.toContain(first.key);
      expect(coreKey(storage, platform, file)).toEqual(first);
      // The key seals what the core keeps: a secret sealed at one start opens at the next.
      const sealed = keyCipher(first.key!).seal('app-secret');
      expect(sealed).not.toContain('app-secret');
      expect(keyCipher(coreKey(storage, platform, file).key!).open(sealed)).toBe('app-secret');
    }
  });

  it('treats Linux basic_text as no keychain and says so, as it does a missing keychain', () => {
    const basic = coreKey(fake(true, 'basic_text'), 'linux', keyFile());
    expect(basic.key).toBeNull();
    expect(basic.warning).toContain('"basic_text"');
    expect(basic.warning).toContain('does not encrypt');
    const none = coreKey(fake(false), 'linux', keyFile());
    expect(none.key).toBeNull();
    expect(none.warning).toContain('No OS keychain');
  });

  it('makes a new key, and says saved secrets must be entered again, when the keychain cannot open the old one', () => {
    const file = keyFile();
    const first = coreKey(fake(true), 'darwin', file);
    writeFileSync(file, 'sealed by a keychain that was reset');
    const next = coreKey(fake(true), 'darwin', file);
    expect(next.key).not.toBe(first.key);
    expect(next.warning).toContain('entered again');
    expect(coreKey(fake(true), 'darwin', file)).toEqual({ key: next.key, warning: null });
  });

  it('refuses a secret changed in the database or sealed under another key', () => {
    const cipher = keyCipher(coreKey(fake(true), 'win32', keyFile()).key!);
    const other = keyCipher(coreKey(fake(true), 'win32', keyFile()).key!);
    const sealed = cipher.seal('refresh-token');
    expect(() => other.open(sealed)).toThrow();
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => cipher.open(flipped)).toThrow();
    expect(() => cipher.open(Buffer.from('safeStorage bytes').toString('base64'))).toThrow(/not sealed/);
  });
});
