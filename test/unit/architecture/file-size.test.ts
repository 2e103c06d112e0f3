import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A product file longer than this does more than one job: split it by job (issue 16). */
const MAX_LINES = 400;

const PRODUCT_ROOTS = ['electron', 'hub', 'shared', 'renderer/src', 'scripts'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const sizes = PRODUCT_ROOTS.flatMap(sourceFiles).map((file) => ({ file, lines: lineCount(file) }));

describe(`no product file over ${MAX_LINES} lines`, () => {
  it('finds the product files', () => {
    expect(sizes.map((size) => size.file)).toContain('electron/core/station/services.ts');
  });

  it('keeps every product file within the limit', () => {
    const over = sizes.filter((size) => size.lines > MAX_LINES);
    expect(over.map((size) => `${size.file}: ${size.lines} lines`)).toEqual([]);
  });
});
