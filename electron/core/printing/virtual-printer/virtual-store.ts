import type { z } from 'zod';
import type { VirtualPrint } from '../../../../shared/contract/printing';
import type { Db } from '../../db/database';
import { rasterToPng } from '../raster';
import { decodePrintJob } from './decode';

interface Row {
  id: number;
  at: number;
  language: string;
  byte_count: number;
  text: string;
  barcodes: string;
  pages: number;
}

const toPrint = (row: Row): z.infer<typeof VirtualPrint> => ({
  id: row.id,
  at: row.at,
  language: row.language,
  byteCount: row.byte_count,
  text: JSON.parse(row.text) as string[],
  barcodes: JSON.parse(row.barcodes) as string[],
  pages: row.pages,
});

/** Keeps the last jobs the virtual printer received, read back to text and pictures. */
export class VirtualPrintStore {
  static readonly KEEP = 200;

  constructor(private readonly db: Db) {}

  /** Decodes and stores one job; returns its id. */
  add(bytes: Buffer, at: number): number {
    const decoded = decodePrintJob(bytes);
    const png = decoded.pages[0] ? rasterToPng(decoded.pages[0]) : null;
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO virtual_prints (at, language, byte_count, text, barcodes, pages, png, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          at,
          decoded.language,
          bytes.length,
          JSON.stringify(decoded.text),
          JSON.stringify(decoded.barcodes),
          decoded.pages.length,
          png,
          bytes,
        );
      this.db.prepare('DELETE FROM virtual_prints WHERE id <= ?').run(Number(lastInsertRowid) - VirtualPrintStore.KEEP);
      return Number(lastInsertRowid);
    })();
  }

  list(limit: number): Array<z.infer<typeof VirtualPrint>> {
    return (
      this.db
        .prepare(
          'SELECT id, at, language, byte_count, text, barcodes, pages FROM virtual_prints ORDER BY id DESC LIMIT ?',
        )
        .all(limit) as Row[]
    ).map(toPrint);
  }

  /** A page as PNG and the job's raw bytes (base64), so a test or a person can check exactly what was sent. */
  image(id: number, page: number): { png: string; bytes: string } | null {
    const row = this.db.prepare('SELECT png, bytes FROM virtual_prints WHERE id = ?').get(id) as
      | { png: Buffer | null; bytes: Buffer }
      | undefined;
    if (!row) return null;
    const png =
      page === 0
        ? row.png
        : (() => {
            const raster = decodePrintJob(row.bytes).pages[page];
            return raster ? rasterToPng(raster) : null;
          })();
    return { png: png ? `data:image/png;base64,${png.toString('base64')}` : '', bytes: row.bytes.toString('base64') };
  }
}
