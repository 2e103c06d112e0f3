import { z } from 'zod';

/**
 * What crosses the MessagePorts of the desktop app. Two links:
 * - window <-> core: one port per window, handed out by the main process; calls go in, answers and events come out.
 * - main <-> core: Electron's parentPort of the utility process; main hands over window ports and answers the
 *   core's keychain question, and asks it to stop.
 * Every message is checked on arrival: a port is a boundary like an HTTP request.
 */

export const PortCall = z.object({
  kind: z.literal('call'),
  /** Chosen by the caller to pair the answer with its call. */
  id: z.number().int().nonnegative(),
  name: z.string().max(200),
  input: z.unknown(),
});
export type PortCall = z.infer<typeof PortCall>;

const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

const PortAnswer = z.object({
  kind: z.literal('result'),
  id: z.number().int().nonnegative(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]),
});

const PortEvent = z.object({
  kind: z.literal('event'),
  event: z.object({ name: z.string(), payload: z.unknown() }),
});

/** What the core sends down a window's port. */
export const FromCore = z.discriminatedUnion('kind', [PortAnswer, PortEvent]);
export type FromCore = z.infer<typeof FromCore>;

const Keychain = z.object({
  kind: z.literal('keychain'),
  /** The key that seals secret settings (base64, 32 bytes), or null where the machine has no real keychain. */
  key: z.string().nullable(),
  /** Said once at start when secrets will be stored as entered, or saved ones cannot be read, and why. */
  warning: z.string().nullable(),
});
/** What main answers when the core asks about the keychain (see key-cipher.ts). */
export type KeychainAnswer = Omit<z.infer<typeof Keychain>, 'kind'>;

/** main -> core over the utility process's parentPort. A 'window' message carries the core's end of a new port. */
export const FromMain = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window') }),
  Keychain,
  z.object({ kind: z.literal('stop') }),
]);
export type FromMain = z.infer<typeof FromMain>;

/** core -> main. */
export const FromCoreToMain = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keychain?') }),
  z.object({ kind: z.literal('ready') }),
]);
export type FromCoreToMain = z.infer<typeof FromCoreToMain>;

/** The flag `utilityProcess.fork` passes to the core entry: serve the window over ports, not HTTP. */
export const ELECTRON_FLAG = '--electron';
