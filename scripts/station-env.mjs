// The environment the station's process runs in, set by its launcher (start.mjs) and by the benches that start it
// the same way. glibc's malloc keeps what a thread freed in that thread's own arena (up to one per thread and core)
// and, once a large block was freed, serves blocks that large from the arenas too, where they stay resident: each
// PIN check's 16 MB scrypt buffer stayed behind in the libuv thread that ran it. Two arenas, and large blocks always
// mapped and unmapped, keep a station with 10,000 orders near 200 MB instead of over 300.

/** Values the user set win: these are defaults, not overrides. */
export const STATION_MALLOC_ENV = Object.freeze({
  MALLOC_ARENA_MAX: '2',
  // 128 kB, glibc's own starting value, fixed: setting it turns off the threshold's growth.
  MALLOC_MMAP_THRESHOLD_: '131072',
});

/** `env` with the station's malloc settings added where it does not set them itself. */
export function stationEnv(env) {
  return { ...STATION_MALLOC_ENV, ...env };
}
