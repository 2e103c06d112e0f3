import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rasterise } from '../../../electron/core/printing/rasterise';
import { buildLabel } from '../../../shared/domain/label/build-label';
import { pageToSvg } from '../../../shared/domain/label/svg';
import { cleanLabelText, escapeXml } from '../../../shared/domain/text/clean';
import { labelInput, labelOrder, SELLER } from '../../support/label-fixtures';

/** A code point XML 1.0 allows in a document (its Char production) and that is no control or non-character. */
function printable(codePoint: number): boolean {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return false;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  if (codePoint >= 0xfdd0 && codePoint <= 0xfdef) return false;
  if ((codePoint & 0xfffe) === 0xfffe) return false;
  return (
    codePoint !== 0xfeff &&
    !(codePoint >= 0x202a && codePoint <= 0x202e) &&
    !(codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/** Any string, weighted towards the characters that break labels. */
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '\uffff',
        '\ufffe',
        '\u{1fffe}',
        '\u{10ffff}',
        '\ufdd0',
        '\u0000',
        '\u0007',
        '\u001b',
        '\u0085',
        '\u202e',
        '\ud800',
        '\udc00',
        '\n',
        '\t',
        '<',
        '&',
        '"',
        "'",
        '>',
        '^FD',
        '~',
      ),
    ),
  )
  .map((parts) => parts.join(''));

describe('the label text cleaner', () => {
  it('leaves only printable characters, whatever it is given, and changes nothing the second time', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const clean = cleanLabelText(text);
        for (const char of clean)
          expect(printable(char.codePointAt(0)!), `U+${char.codePointAt(0)!.toString(16)}`).toBe(true);
        expect(cleanLabelText(clean)).toBe(clean);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every printable character of the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (text) => {
        const printableOnly = [...text.normalize('NFC')]
          .filter((char) => printable(char.codePointAt(0)!) || /\s/.test(char))
          .join('');
        expect(cleanLabelText(text)).toBe(
          printableOnly.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').normalize('NFC'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('escapes for XML completely: the escaped text always parses back to the cleaned text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']|&(?!(lt|gt|amp|quot|apos);)/);
        const back = escaped.replace(
          /&(lt|gt|quot|apos|amp);/g,
          (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!,
        );
        expect(back).toBe(cleanLabelText(text));
      }),
      { numRuns: 500 },
    );
  });

  it('prints a seller label whose seller name and buyer carry a non-character and control characters', () => {
    const order = labelOrder({
      name: 'Ana\uffff Lopez\u0007',
      lines: ['1 Main St\u001b[2J', 'Apt <5> & "6"\ufffe'],
    });
    const label = buildLabel(labelInput(order, { seller: { ...SELLER, name: 'Packbench\uffff Demo\u0000 Store' } }));
    const svg = pageToSvg(label.pages[0]!);
    // eslint-disable-next-line no-control-regex -- the label must carry none of these
    expect(svg).not.toMatch(/[\uffff\ufffe\u0000\u0007\u001b]/);
    expect(svg).toContain('Packbench Demo Store');
    expect(svg).toContain('Apt &lt;5&gt; &amp; &quot;6&quot;');
    const raster = rasterise(svg);
    expect(raster.width).toBeGreaterThan(0);
  });
});
