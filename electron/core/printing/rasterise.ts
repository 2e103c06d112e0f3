import { Resvg } from '@resvg/resvg-js';
import { scriptsOf } from '../../../shared/domain/label/text-metrics';
import { fontFilesFor } from './fonts';
import { rasterFromRgba, type Raster } from './raster';

function render(svg: string): { pixels: Uint8Array; width: number; height: number; png: () => Buffer } {
  const resvg = new Resvg(svg, {
    font: { fontFiles: fontFilesFor(scriptsOf(svg)), loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
    // Crisp edges: a thermal head has no grey, antialiasing only blurs bar edges.
    shapeRendering: 1,
  });
  const image = resvg.render();
  return { pixels: image.pixels, width: image.width, height: image.height, png: () => image.asPng() };
}

/** Draws an SVG (in printer dots) with the shipped fonts and thresholds it to the 1-bit raster a thermal head prints. */
export function rasterise(svg: string): Raster {
  const image = render(svg);
  return rasterFromRgba(image.pixels, image.width, image.height);
}

/** The same drawing in grey levels, for paper printers (PDF) and previews. */
export function renderPng(svg: string): Buffer {
  return render(svg).png();
}
