/**
 * A contract call that must succeed: its value, or the station's own error message as the test's failure, so a
 * refused call reads as the reason it was refused rather than as a missing field further on.
 */
export async function ok<T>(
  promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
