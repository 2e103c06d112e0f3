/**
 * `next`, with every part that equals the same part of `prev` replaced by prev's object. An answer read again from the
 * station is a new object throughout even where nothing changed; sharing the unchanged parts lets memoised
 * components (the pack screen's 50 order lines) skip all but the line a scan changed. Plain JSON values only: what
 * the station's answers are.
 */
export function shareEqual<T>(prev: unknown, next: T): T {
  if (prev === next || typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) {
    return next;
  }
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const shared = next.map((item, i) => shareEqual(prev[i], item));
    return (shared.length === prev.length && shared.every((item, i) => item === prev[i]) ? prev : shared) as T;
  }
  const before = prev as Record<string, unknown>;
  const entries = Object.entries(next).map(([key, value]) => [key, shareEqual(before[key], value)] as const);
  const same =
    entries.length === Object.keys(before).length &&
    entries.every(([key, value]) => Object.hasOwn(before, key) && value === before[key]);
  // fromEntries, not assignment: a key named __proto__ stays a key.
  return (same ? prev : Object.fromEntries(entries)) as T;
}
