import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The picture types a product image may have; anything else (HTML error pages, SVG with scripts) is refused. */
const TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' } as const;
type ImageType = keyof typeof TYPES;

/** The first bytes of each type: a server's content-type header alone is not believed. */
function sniff(bytes: Buffer): ImageType | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  if (/^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return null;
}

export interface CachedImage {
  bytes: Buffer;
  type: ImageType;
}

export interface ImageCacheOptions {
  /** Folder in the station's data folder; one file per picture, named by the SHA-256 of its URL. */
  dir: string;
  /** Larger pictures are refused (a thumbnail is a few kB; a listing's full-size photo may be a few hundred). */
  maxBytes?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Product pictures, fetched once from the marketplace's image URL and kept on disk, so the UI shows them from the
 * station's own origin (its CSP allows no other) and offline.
 */
export class ImageCache {
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly inFlight = new Map<string, Promise<CachedImage | null>>();

  constructor(options: ImageCacheOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes ?? 2_000_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
    mkdirSync(this.dir, { recursive: true });
  }

  static key(url: string): string {
    return createHash('sha256').update(url).digest('hex');
  }

  /** The picture at `url`, from disk when it was fetched before; null when it cannot be had or is not a picture. */
  async get(url: string): Promise<CachedImage | null> {
    if (!/^https?:\/\//i.test(url)) return null;
    const key = ImageCache.key(url);
    const cached = await this.read(key);
    if (cached) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.download(url, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async read(key: string): Promise<CachedImage | null> {
    const bytes = await readFile(join(this.dir, key)).catch(() => null);
    const type = bytes ? sniff(bytes) : null;
    return bytes && type ? { bytes, type } : null;
  }

  private async download(url: string, key: string): Promise<CachedImage | null> {
    try {
      const response = await this.fetchImpl(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'follow' });
      const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const length = Number(response.headers.get('content-length') ?? 0);
      if (!response.ok || !(declared in TYPES) || length > this.maxBytes || !response.body) {
        await response.body?.cancel();
        return null;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > this.maxBytes) return null;
        chunks.push(Buffer.from(chunk));
      }
      const bytes = Buffer.concat(chunks);
      const type = sniff(bytes);
      if (type !== declared) return null;
      // Written whole or not at all: a half-written file would read as a broken picture forever.
      const temporary = join(this.dir, `${key}.${process.pid}.tmp`);
      await writeFile(temporary, bytes);
      await rename(temporary, join(this.dir, key));
      return { bytes, type };
    } catch {
      // Unreachable, too slow or cut off: the line shows its initials, and the next order's view asks again.
      return null;
    }
  }
}
