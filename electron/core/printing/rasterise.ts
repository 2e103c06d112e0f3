import { Resvg } from '@resvg/resvg-js';
import { scriptsOf } from '../../../shared/domain/label/text-metrics';
import { fontFilesFor } from './fonts';
import { rasterFromRgba, type Raster } from './raster';

/** Draws an SVG (in printer dots) with the shipped fonts and thresholds it to the 1-bit raster a thermal head prints. */
export function rasterise(svg: string): Raster {
  const resvg = new Resvg(svg, {
    font: { fontFiles: fontFilesFor(scriptsOf(svg), svg), loadSystemFonts: false, defaultFontFamily: 'Noto Sans Core' },
    // Crisp edges: a thermal head has no grey, antialiasing only blurs bar edges.
    shapeRendering: 1,
  });
  const image = resvg.render();
  return rasterFromRgba(image.pixels, image.width, image.height);
}
