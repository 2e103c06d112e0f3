// Types of features.mjs, for the tests that check the table against the code.
export declare const platform: string[];
export declare const roots: string[];
export declare const sharedRootFiles: string[];
export declare const features: Record<string, { uses: string[]; owns: string[]; entries?: string[] }>;
