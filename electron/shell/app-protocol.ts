import { readStatic } from '../core/server/static-files';
import { APP_HOST } from './app-origin';

/**
 * Answers one request of the app:// scheme from the built renderer: the same files, headers and content security
 * policy the station server sends. Another host, a path outside the folder or a malformed address is refused.
 */
export async function appResponse(rendererDir: string, url: string): Promise<Response> {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.host !== APP_HOST) return new Response('Not part of Packbench', { status: 404 });
    pathname = parsed.pathname;
    decodeURIComponent(pathname);
  } catch {
    return new Response('Bad address', { status: 400 });
  }
  const found = await readStatic(rendererDir, pathname);
  if (!found) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(found.body), { status: 200, headers: found.headers });
}
