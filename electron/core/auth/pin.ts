import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

/** scrypt runs on libuv's thread pool: a burst of sign-ins never holds up the station's other calls. */
function scryptAsync(pin: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, length, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** PINs are short, so they are stretched with scrypt and a per-user salt; the hash is "salt:hash" in hex. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${(await scryptAsync(pin, salt, KEY_LENGTH)).toString('hex')}`;
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [saltHex, hashHex] = stored.split(':');
  if (!saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  return timingSafeEqual(await scryptAsync(pin, Buffer.from(saltHex, 'hex'), expected.length), expected);
}

/** The keyed hash that finds a PIN's user with one index lookup (see migration 15). */
export function pinLookup(pin: string, key: Buffer): string {
  return createHmac('sha256', key).update(pin).digest('hex');
}
