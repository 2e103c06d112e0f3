// The auth feature's public entry: people, their PINs and roles, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { Users } from './users';
export { usersHandlers } from './users-handlers';
