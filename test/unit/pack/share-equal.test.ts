import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shareEqual } from '../../../renderer/src/station/share-equal';

const line = (key: string, quantity: number) => ({ key, productName: `Product ${key}`, quantity, keys: [`G:${key}`] });

describe('shareEqual', () => {
  it("keeps the previous view's unchanged lines, so only the changed line renders again", () => {
    const prev = { id: 'A', lines: [line('a', 1), line('b', 2)], progress: { counts: { a: 0, b: 1 } } };
    const next = structuredClone(prev);
    next.progress.counts.a = 1;
    const shared = shareEqual(prev, next);
    expect(shared).toEqual(next);
    expect(shared).not.toBe(prev);
    expect(shared.lines).toBe(prev.lines);
    expect(shared.progress).not.toBe(prev.progress);
    next.lines[1]!.quantity = 3;
    const changedLine = shareEqual(prev, structuredClone(next));
    expect(changedLine.lines).not.toBe(prev.lines);
    expect(changedLine.lines[0]).toBe(prev.lines[0]);
    expect(changedLine.lines[1]).toEqual(next.lines[1]);
  });

  it('returns the previous value itself when nothing changed', () => {
    const prev = { id: 'A', lines: [line('a', 1)], awaiting: null };
    expect(shareEqual(prev, structuredClone(prev))).toBe(prev);
  });

  it('notices a key added, removed or turned into another kind of value', () => {
    const prev = { a: 1, b: [1, 2] as unknown };
    expect(shareEqual(prev, { a: 1 })).toEqual({ a: 1 });
    expect(shareEqual(prev, { a: 1, b: [1, 2], c: undefined })).not.toBe(prev);
    expect(shareEqual(prev, { a: 1, b: { 0: 1, 1: 2 } })).toEqual({ a: 1, b: { 0: 1, 1: 2 } });
    expect(shareEqual([1, 2], [1])).toEqual([1]);
  });

  it('always equals the new value, and is the old one exactly when the two are equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (a, b, c) => {
        // The same part a, read again, beside parts that may or may not have changed.
        const prev = { kept: a, other: b };
        const next = { kept: structuredClone(a), other: c };
        const shared = shareEqual(prev, next);
        expect(shared).toStrictEqual(next);
        expect(shared.kept).toBe(a);
        expect(shared === prev).toBe(isDeepStrictEqual(prev, next));
        expect(shareEqual(b, c) === b).toBe(isDeepStrictEqual(b, c));
      }),
    );
  });
});
