/** Types of station-env.mjs, for the benches that start the station as its launcher does. */
type Env = Record<string, string | undefined>;
export declare function stationSettings(env: Env): {
  MALLOC_ARENA_MAX: string;
  MALLOC_MMAP_THRESHOLD_: string;
  NODE_OPTIONS: string;
};
export declare function stationEnv(env: Env): Env;
