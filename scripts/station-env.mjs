// The environment the station's process runs in, set by its launcher (start.mjs) and by the benches that start it
// the same way.
//
// glibc's malloc keeps what a thread freed in that thread's own arena (up to one per thread and core) and, once a
// large block was freed, serves blocks that large from the arenas too, where they stay resident: each PIN check's
// 16 MB scrypt buffer stayed behind in the libuv thread that ran it. Two arenas, and large blocks always mapped and
// unmapped (glibc's own starting threshold, 128 kB, fixed: setting it turns off its growth).
//
// V8's young generation is two 16 MB halves by default, both resident once a pull or a burst of labels has run
// through them; 4 MB halves hold the station's short-lived objects as well. Together these keep a station with 10,000
// orders after 1,000 scans near 200 MB instead of 260 to 370.
const YOUNG_GENERATION = '--max-semi-space-size=4';

/** The variables the station is started with on top of `env` (the launcher's own); values `env` sets itself win. */
export function stationSettings(env) {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
    // The user's own NODE_OPTIONS come after, so a flag they set wins.
    NODE_OPTIONS: [YOUNG_GENERATION, env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
}

/** `env` with the station's settings added. */
export function stationEnv(env) {
  return { ...env, ...stationSettings(env) };
}
