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

/** Where an IPC message came from, as Electron says (parent is null for a window's main frame). */
export interface IpcSenderLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Only the app's own page may reach the station: the main frame of a page under app://packbench. A frame inside it
 * (an iframe a compromised page might add) or any other page, file:// included, is refused.
 */
export function isTrustedSender(event: IpcSenderLike): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
