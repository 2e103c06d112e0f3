import { HTTP_IMAGES } from '../../shared/contract/transport';
import type { ImageCache } from '../core/images/image-cache';
import { readStatic } from '../core/server/static-files';
import { APP_HOST } from './app-origin';

/**
 * Answers one request of the app:// scheme from the built renderer: the same files, headers and content security
 * policy the station server sends. Another host, a path outside the folder or a malformed address is refused.
 */
export async function appResponse(rendererDir: string, url: string, images?: ImageCache): Promise<Response> {
  let pathname: string;
  let parsedUrl: URL;
  try {
    const parsed = new URL(url);
    parsedUrl = parsed;
    if (parsed.host !== APP_HOST) return new Response('Not part of Packbench', { status: 404 });
    pathname = parsed.pathname;
    decodeURIComponent(pathname);
  } catch {
    return new Response('Bad address', { status: 400 });
  }
  // Product pictures, as the station server serves them to a browser (see electron/core/images).
  if (pathname === HTTP_IMAGES && images) {
    const image = await images.get(parsedUrl.searchParams.get('url') ?? '');
    if (!image) return new Response('No picture', { status: 404 });
    return new Response(new Uint8Array(image.bytes), {
      status: 200,
      headers: {
        'content-type': image.type,
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
      },
    });
  }
  const found = await readStatic(rendererDir, pathname);
  if (!found) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(found.body), { status: 200, headers: found.headers });
}
