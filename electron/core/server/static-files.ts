import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** How the station marks the page it serves: index.html is rewritten (the launch secret) and gets extra headers. */
export interface PageDecoration {
  html(text: string): string;
  headers: Record<string, string>;
}

export interface StaticFile {
  file: string;
  body: Buffer;
  isHtml: boolean;
  /** The headers every file of the UI carries, whichever transport serves it (HTTP or Electron's app://). */
  headers: Record<string, string>;
}

/**
 * A file of the built UI for a URL path; unknown paths without an extension get index.html so the UI's own routes
 * survive a reload. Nothing outside root is ever read. Null when there is no such file.
 */
export async function readStatic(root: string, pathname: string): Promise<StaticFile | null> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  let file = candidate;
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    if (extname(relative)) return null;
    file = join(root, 'index.html');
  }
  const body = await readFile(file).catch(() => null);
  if (!body) return null;
  const isHtml = extname(file) === '.html';
  return {
    file,
    body,
    isHtml,
    headers: {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
    },
  };
}

/** Serves a file of the built UI over HTTP (see readStatic); false when there is none. */
export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  page?: PageDecoration,
): Promise<boolean> {
  const found = await readStatic(root, pathname);
  if (!found) return false;
  res.writeHead(200, { ...(found.isHtml ? page?.headers : {}), ...found.headers });
  res.end(found.isHtml && page ? page.html(found.body.toString('utf8')) : found.body);
  return true;
}
