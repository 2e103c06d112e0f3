import { z } from 'zod';
import { call } from './define';

export const Role = z.enum(['packer', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const SessionUser = z.object({ id: z.number().int(), name: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

export const StationStatus = z.object({
  stationId: z.string(),
  version: z.string(),
  runtime: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  marketplace: z.object({ mode: z.enum(['sandbox', 'tiktok']), baseUrl: z.string() }),
  counts: z.object({ ordersToPack: z.number().int(), ordersHeld: z.number().int() }),
  user: SessionUser.nullable(),
  /**
   * Users who still sign in with a demo PIN (1111, 9999), listed only while a supervisor is signed in: the UI makes
   * that supervisor replace them before anything else.
   */
  demoPinUsers: z.array(SessionUser),
  /** While wrong PINs make the desk wait: when the next PIN will be checked (the lock screen counts down). */
  pinRetryAt: z.number().nullable(),
  time: z.number(),
});
export type StationStatus = z.infer<typeof StationStatus>;

const SettingValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const SettingEntry = z.object({
  key: z.string(),
  value: SettingValue,
  /** Where the effective value comes from: an environment variable wins over what is saved. */
  source: z.enum(['default', 'saved', 'env']),
  env: z.string().nullable(),
  secret: z.boolean(),
  /** The values an enumerated setting takes: Settings offers them to choose from instead of a text field. */
  choices: z.array(z.string()).optional(),
});
export type SettingEntry = z.infer<typeof SettingEntry>;

export const stationCalls = {
  'station.status': call({ input: z.object({}), output: StationStatus, access: 'read', lan: 'aggregate' }),
  'settings.list': call({ input: z.object({}), output: z.array(SettingEntry), access: 'read', lan: 'aggregate' }),
  'settings.update': call({
    input: z.object({ key: z.string().min(1).max(100), value: SettingValue }),
    output: SettingEntry,
    access: 'supervisor',
  }),
  'session.login': call({
    input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits') }),
    output: SessionUser,
    access: 'signin',
  }),
  'session.lock': call({ input: z.object({}), output: z.object({ locked: z.literal(true) }), access: 'signin' }),
};

export const stationEvents = {
  'station.status': StationStatus,
  'settings.changed': z.object({ key: z.string() }),
};
