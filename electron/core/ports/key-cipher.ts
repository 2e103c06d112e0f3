import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../config/settings';

const PREFIX = 'k1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secret settings with a key the main process keeps in the OS keychain and hands to the core when it starts
 * (as Signal Desktop does for its database key): the core cannot reach the keychain itself, and Settings must read
 * a secret synchronously, so one key crosses the port once instead of every secret every time. AES-256-GCM: a
 * changed byte in the database is refused, not read as some other secret.
 */
export function keyCipher(keyBase64: string): SecretCipher {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error(`The keychain's key has ${key.length} bytes; 32 were expected.`);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      // Anything else was sealed some other way (by an earlier release straight with the keychain): not ours to read.
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was not sealed with the station core key.');
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
