import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { driverFor } from '../../../electron/core/printing/drivers';
import { parseEscPosStatus } from '../../../electron/core/printing/drivers/escpos';
import { parseTsplStatus } from '../../../electron/core/printing/drivers/tspl';
import { parseZplStatus } from '../../../electron/core/printing/drivers/zpl';
import { isBlack } from '../../../electron/core/printing/raster';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { interpretZpl } from '../../../electron/core/printing/zpl-interpreter';
import { buildLabel } from '../../../shared/domain/label/build-label';
import { readCode128 } from '../../support/label-barcodes';
import { CUSTOMS, labelInput, labelOrder, USPS_TRACKING } from '../../support/label-fixtures';

const doc = buildLabel(
  labelInput(labelOrder({ name: 'Иван Петров 张伟', lines: ['ул. Тверская, д. 7'] }), {
    ...USPS_TRACKING,
    weightGrams: 1250,
  }),
);

describe('printer languages: what each driver sends reads back as the same label', () => {
  for (const language of ['zpl', 'tspl', 'escpos'] as const) {
    it(`${language}: a printer of that language prints the label with both barcodes scannable`, async () => {
      const bytes = await driverFor(language).encodePages(doc.pages);
      const decoded = decodePrintJob(bytes);
      expect(decoded.language).toBe(language);
      expect(decoded.unsupported).toEqual([]);
      expect(decoded.pages).toHaveLength(1);
      // ESC/POS rasters are whole bytes wide: 812 dots travel as 102 bytes (816 dots, the last 4 blank).
      expect(decoded.pages[0]!.width).toBe(language === 'escpos' ? 816 : 812);
      expect(decoded.pages[0]!.height).toBe(1218);
      expect(readCode128(decoded.pages[0]!)).toEqual(
        expect.arrayContaining(['9400111206206406260787', '576461413038785752']),
      );
    });
  }

  it('zpl: barcodes as native ^BC (GS1 for IMpb), ASCII text as ^FD fields, other scripts as ^GFA images', async () => {
    const zpl = (await driverFor('zpl').encodePages(doc.pages)).toString('utf8');
    expect(zpl).toMatch(/^\^XA/);
    expect(zpl).toContain('^PW812');
    expect(zpl).toMatch(/\^BY3\^FO\d+,\d+\^BCN,\d+,N,N,N,D\^FD9400111206206406260787\^FS/);
    expect(zpl).toContain('^FD576461413038785752^FS');
    expect(zpl).toContain('^FDPackbench Demo Store^FS');
    expect(zpl).not.toContain('Иван');
    const { formats } = interpretZpl(zpl);
    expect(formats[0]!.graphics.length).toBeGreaterThan(0);
    expect(formats[0]!.texts.map((t) => t.text)).toContain('WEIGHT 1.25 kg');
  });

  it('zpl: field data that looks like commands is escaped and reads back unchanged', async () => {
    const tricky = buildLabel(
      labelInput(labelOrder({ name: 'A^XZ~JA_B' }), {
        seller: { name: 'S', phone: '', lines: ['x'], city: '', region: '', postalCode: '1', countryCode: 'US' },
        weightGrams: 100,
        customs: { ...CUSTOMS, category: 'gift', hsCode: '', originCountry: 'US', cn22Limit: 1 },
      }),
    );
    const zpl = (await driverFor('zpl').encodePages(tricky.pages)).toString('utf8');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(decodePrintJob(Buffer.from(zpl)).text).toContain('A^XZ~JA_B');
  });

  it('tspl: one BITMAP where a 0 bit prints black, native BARCODE commands, SIZE in mm', async () => {
    const bytes = await driverFor('tspl').encodePages(doc.pages);
    const text = bytes.toString('latin1');
    expect(text).toMatch(/^SIZE 101\.6 mm,152\.4 mm\r\n/);
    expect(text).toContain('BARCODE ');
    expect(text).toContain('"EAN128"');
    expect(text).toMatch(/PRINT 1,1\r\n$/);
    const header = /BITMAP 0,0,(\d+),(\d+),0,/.exec(text)!;
    const start = header.index + header[0].length;
    const rowBytes = Number(header[1]);
    // Row 0 is blank paper: all ones. The rule under the header is black: zero bits there.
    expect(bytes.subarray(start, start + rowBytes).every((b) => b === 0xff)).toBe(true);
    const page = decodePrintJob(bytes).pages[0]!;
    const ruleRow = doc.pages[0]!.elements.find((el) => el.kind === 'box' && el.thickness === 0)!;
    expect(isBlack(page, ruleRow.x + 10, ruleRow.y + 1)).toBe(true);
    const byte = bytes[start + (ruleRow.y + 1) * rowBytes + ((ruleRow.x + 10) >> 3)]!;
    expect(byte & (0x80 >> ((ruleRow.x + 10) & 7))).toBe(0);
  });

  it('escpos: ESC @, the label as GS v 0 raster bands, then a cut', async () => {
    const bytes = await driverFor('escpos').encodePages(doc.pages);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect(bytes.includes(Buffer.from([0x1d, 0x76, 0x30, 0x00, 102, 0]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x1d, 0x56, 0x00]))).toBe(true);
  });

  it('pdf: one page per label page at the label size, for an office printer', async () => {
    const bytes = await driverFor('pdf').encodePages(doc.pages);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const size = pdf.getPage(0).getSize();
    expect(Math.round(size.width)).toBe(288);
    expect(Math.round(size.height)).toBe(432);
  });

  it('reads printer status replies: paper out, cover open, pause, ready', () => {
    const zpl = (first: string, second: string) =>
      Buffer.from(`\x02${first}\x03\r\n\x02${second}\x03\r\n\x021234,0\x03\r\n`, 'latin1');
    expect(parseZplStatus(zpl('030,1,0,1218,000,0,0,0,000,0,0,0', '000,0,0,0,0,2,4,0,00000000,1,000'))).toMatchObject({
      kind: 'paper_out',
    });
    expect(parseZplStatus(zpl('030,0,0,1218,000,0,0,0,000,0,0,0', '000,0,1,0,0,2,4,0,00000000,1,000'))).toMatchObject({
      kind: 'cover_open',
    });
    expect(parseZplStatus(zpl('030,0,1,1218,000,0,0,0,000,0,0,0', '000,0,0,0,0,2,4,0,00000000,1,000'))).toMatchObject({
      kind: 'paused',
    });
    expect(parseZplStatus(zpl('030,0,0,1218,000,0,0,0,000,0,0,0', '000,0,0,0,0,2,4,0,00000000,1,000'))).toBeNull();
    expect(parseZplStatus(Buffer.from('\x02030,0', 'latin1'))).toBeUndefined();
    expect(parseTsplStatus(Buffer.from([0x04]))).toMatchObject({
      kind: 'paper_out',
      message: expect.stringContaining('load a new roll'),
    });
    expect(parseTsplStatus(Buffer.from([0x01]))).toMatchObject({ kind: 'cover_open' });
    expect(parseTsplStatus(Buffer.from([0x00]))).toBeNull();
    expect(parseEscPosStatus(Buffer.from([0x12, 0x72]))).toMatchObject({ kind: 'paper_out' });
    expect(parseEscPosStatus(Buffer.from([0x16, 0x12]))).toMatchObject({ kind: 'cover_open' });
    expect(parseEscPosStatus(Buffer.from([0x12, 0x12]))).toBeNull();
  });
});
