import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { features, platform, roots } from '../../../electron/core/features.mjs';
import { violations } from './lint-imports';

const CORE = 'electron/core';
const use = (source: string) => `import * as x from '${source}';\nexport const y = x;\n`;

describe('features reach each other only along the declared arrows', () => {
  it('refuses a feature it does not declare', async () => {
    // pack declares orders, not the marketplace: the packer's flow never talks to TikTok itself.
    expect(await violations(`${CORE}/pack/x.ts`, use('../marketplace'))).toEqual([
      expect.stringContaining('pack/ does not use marketplace: declare the arrow in electron/core/features.mjs'),
    ]);
    expect(await violations(`${CORE}/orders/x.ts`, use('../pack'))).toHaveLength(1);
  });

  it("allows a declared feature's entry and refuses its files, from any depth", async () => {
    expect(await violations(`${CORE}/pack/x.ts`, use('../orders'))).toEqual([]);
    expect(await violations(`${CORE}/pack/x.ts`, use('../orders/index'))).toEqual([]);
    expect(await violations(`${CORE}/pack/x.ts`, use('../orders/order-store'))).toEqual([
      expect.stringContaining("orders/ is reached only through its public entry (import '../orders')"),
    ]);
    expect(await violations(`${CORE}/printing/drivers/x.ts`, use('../../orders/order-store'))).toHaveLength(1);
    expect(await violations(`${CORE}/printing/drivers/x.ts`, use('../../orders'))).toEqual([]);
    // A feature's own files and shared/ are no arrows at all.
    expect(await violations(`${CORE}/pack/x.ts`, use('./pack-store'))).toEqual([]);
    expect(await violations(`${CORE}/pack/x.ts`, use('../../../shared/domain/orders/order'))).toEqual([]);
  });

  it('lets every feature use the platform, and of the station only the services type', async () => {
    for (const source of ['../db/database', '../events/bus', '../config/settings', '../contract/dispatch'])
      expect(await violations(`${CORE}/pack/x.ts`, use(source))).toEqual([]);
    expect(await violations(`${CORE}/pack/x.ts`, use('../station/services'))).toEqual([]);
    expect(await violations(`${CORE}/pack/x.ts`, use('../station/station'))).toHaveLength(1);
    expect(await violations(`${CORE}/pack/x.ts`, use('../contract/handlers'))).toHaveLength(1);
    expect(await violations(`${CORE}/db/x.ts`, use('../orders'))).toHaveLength(1);
  });

  it('lets the roots wire every feature through its entry', async () => {
    expect(await violations(`${CORE}/station/x.ts`, use('../marketplace'))).toEqual([]);
    expect(await violations(`${CORE}/station/x.ts`, use('../marketplace/station-connection'))).toEqual([]);
    expect(await violations(`${CORE}/station/x.ts`, use('../orders/order-store'))).toHaveLength(1);
    expect(await violations(`${CORE}/contract/handlers.ts`, use('../pack'))).toEqual([]);
    expect(await violations(`${CORE}/contract/dispatch.ts`, use('../pack'))).toHaveLength(1);
  });

  it('keeps the sandbox behind the connection boundary', async () => {
    expect(await violations(`${CORE}/marketplace/client.ts`, use('../sandbox/server'))).toHaveLength(1);
    expect(await violations(`${CORE}/marketplace/station-connection.ts`, use('../sandbox/server'))).toEqual([]);
    expect(await violations(`${CORE}/sync/x.ts`, use('../sandbox/server'))).toHaveLength(1);
  });
});

describe('the feature table matches the code', () => {
  const folders = readdirSync(CORE, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it('declares every folder of the core', () => {
    const declared = new Set([...Object.keys(features), ...platform, ...roots.map((root) => root.split('/')[0])]);
    expect(folders.filter((folder) => folder !== 'sandbox' && !declared.has(folder))).toEqual([]);
  });

  it('gives every feature its public entry and names only features it has', () => {
    for (const [name, feature] of Object.entries(features)) {
      for (const entry of feature.entries ?? ['index']) expect(existsSync(join(CORE, name, `${entry}.ts`))).toBe(true);
      for (const used of feature.uses) expect(Object.keys(features)).toContain(used);
    }
  });

  it('gives each feature only the station services it names', () => {
    const whole = Object.keys(features).flatMap((name) =>
      readdirSync(join(CORE, name), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => join(CORE, name, file))
        .filter((file) => /:\s*StationServices\b(?!\[)/.test(readFileSync(file, 'utf8'))),
    );
    expect(whole).toEqual([]);
  });

  it('has no cycle among the arrows', () => {
    const cycles: string[] = [];
    const visit = (name: string, path: string[]) => {
      if (path.includes(name)) return cycles.push([...path.slice(path.indexOf(name)), name].join(' -> '));
      for (const used of features[name]!.uses) visit(used, [...path, name]);
    };
    for (const name of Object.keys(features)) visit(name, []);
    expect(cycles).toEqual([]);
  });
});

describe('no feature writes tables another feature owns', () => {
  const owner = new Map(
    Object.entries(features).flatMap(([name, feature]) => feature.owns.map((table) => [table, name] as const)),
  );
  const WRITE = /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?/g;

  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  }

  it('finds the writes', () => {
    expect([...readFileSync(join(CORE, 'pack/pack-store.ts'), 'utf8').matchAll(WRITE)].length).toBeGreaterThan(0);
  });

  it('lets each feature write only its own tables', () => {
    const foreign: string[] = [];
    for (const name of Object.keys(features)) {
      for (const file of files(join(CORE, name))) {
        for (const [, table] of readFileSync(file, 'utf8').matchAll(WRITE)) {
          const holder = owner.get(table!);
          if (holder && holder !== name) foreign.push(`${file} writes ${table} (owned by ${holder})`);
        }
      }
    }
    expect(foreign).toEqual([]);
  });
});
