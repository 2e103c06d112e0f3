import { describe, expect, it } from 'vitest';
import { fontFilesFor } from '../../../electron/core/printing/fonts';
import { rasterise } from '../../../electron/core/printing/rasterise';
import { fontFamilyFor } from '../../../shared/domain/label/svg';
import { scriptsOf } from '../../../shared/domain/label/text-metrics';

const drawn = (text: string) => {
  const raster = rasterise(
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="45" font-family="${fontFamilyFor(text)}" font-size="40">${text}</text></svg>`,
  );
  return Buffer.from(raster.bits).toString('hex');
};

describe('label fonts', () => {
  it('loads the full Chinese font only for characters the GB 2312 subset lacks', () => {
    const names = (text: string) => fontFilesFor(scriptsOf(text), text).map((file) => file.split('/').pop());
    expect(names('北京市')).toEqual(['NotoSansCore-Regular.ttf', 'NotoSansCore-Bold.ttf', 'NotoSansSC-Common.ttf']);
    expect(names('王喆')).toContain('NotoSansSC-Regular.ttf');
    expect(names('Łódź Ελλάδα Москва')).toEqual(['NotoSansCore-Regular.ttf', 'NotoSansCore-Bold.ttf']);
    expect(names('Nguyễn')).toContain('NotoSans-Regular.ttf');
  });

  it('draws rare characters with real glyphs, not the missing-glyph box', () => {
    const missing = drawn('\ue000');
    for (const text of ['喆', '堃', 'ễ', 'ع', 'Ж']) expect(drawn(text), text).not.toBe(missing);
  });
});
