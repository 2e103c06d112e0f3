/** Types of station-env.mjs, for the benches that start the station as its launcher does. */
export declare const STATION_MALLOC_ENV: Readonly<{ MALLOC_ARENA_MAX: string; MALLOC_MMAP_THRESHOLD_: string }>;
export declare function stationEnv<T extends Record<string, string | undefined>>(env: T): T & typeof STATION_MALLOC_ENV;
