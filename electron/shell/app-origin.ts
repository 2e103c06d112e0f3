/**
 * The renderer is served from its own scheme, not file://: a file:// page may read any other file:// page, and any
 * downloaded HTML opened from disk would share its origin. Only pages under APP_ORIGIN are the app.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'packbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Whether a URL is a page of the app itself (Node's URL has no origin for custom schemes: compare the parts). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
