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

/** Serves a file of the built UI; unknown paths get index.html so the UI's own routes survive a reload. */
export async function serveStatic(root: string, pathname: string, res: ServerResponse, page?: PageDecoration): Promise<boolean> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return false;
  let file = candidate;
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    if (extname(relative)) return false;
    file = join(root, 'index.html');
  }
  const body = await readFile(file).catch(() => null);
  if (!body) return false;
  const isHtml = extname(file) === '.html';
  res.writeHead(200, {
    ...(isHtml ? page?.headers : {}),
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
  });
  res.end(isHtml && page ? page.html(body.toString('utf8')) : body);
  return true;
}
