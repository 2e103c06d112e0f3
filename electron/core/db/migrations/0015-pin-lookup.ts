import type { Migration } from './index';

/**
 * A sign-in used to run scrypt against every user's hash on the event loop. pin_lookup, a keyed hash (HMAC with the
 * station's own key) of the PIN, finds the one candidate with an index, so a sign-in runs scrypt at most once. Rows
 * from before this migration have no lookup yet; they get one the first time their PIN is entered.
 */
export const pinLookup: Migration = {
  version: 15,
  name: 'pin-lookup',
  up: `
ALTER TABLE users ADD COLUMN pin_lookup TEXT;
CREATE UNIQUE INDEX users_pin_lookup ON users(pin_lookup);
CREATE TABLE station_keys (
  name TEXT PRIMARY KEY,
  key BLOB NOT NULL
);
INSERT INTO station_keys (name, key) VALUES ('pin-lookup', randomblob(32));
`,
};
