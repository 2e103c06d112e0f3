/**
 * Answers given again and again unchanged (orders.queue's pages, the same for every desk until the database changes)
 * travel over HTTP as the bytes they were first written as: serialising a 30 kB page costs more than the rest of the
 * call. A handler registers an answer with its JSON here once; the station server then sends those bytes. The answer
 * must never change after it is registered (it is frozen to hold the handler to that).
 */
const envelopes = new WeakMap<object, Buffer>();

/** Records `json` (JSON.stringify(value), built by the caller from parts it already had) as the value's JSON. */
export function withJson<T extends object>(value: T, json: string): Readonly<T> {
  envelopes.set(value, Buffer.from(`{"ok":true,"value":${json}}`));
  return Object.freeze(value);
}

/** The bytes of `{"ok":true,"value":...}` for a registered answer; null for any other value. */
export function okEnvelope(value: unknown): Buffer | null {
  return (typeof value === 'object' && value !== null && envelopes.get(value)) || null;
}
