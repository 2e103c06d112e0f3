/**
 * The catalogue key for a value the station sends (a hold reason, a service, a pickup method), or undefined when the
 * catalogue has no text for it: callers fall back to a sentence or to the value itself, never to a raw key.
 */
export function keyFor<E extends Record<string, string>, P extends string>(
  en: E,
  prefix: P,
  value: string | null | undefined,
): Extract<keyof E, `${P}${string}`> | undefined {
  const key = `${prefix}${value ?? ''}`;
  return Object.hasOwn(en, key) ? (key as Extract<keyof E, `${P}${string}`>) : undefined;
}
