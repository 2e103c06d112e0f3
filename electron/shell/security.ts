import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { APP_ORIGIN, isAppUrl } from './app-origin';

/** Details Electron gives a permission request or check about media: which kinds of device are asked for. */
export interface MediaDetails {
  mediaTypes?: ReadonlyArray<string>;
  mediaType?: string;
  requestingUrl?: string;
}

/**
 * A packing desk needs one permission: the camera, for parcel and handover photos, asked by the app's own page.
 * The microphone, notifications, geolocation, HID/serial/USB and everything else are refused.
 */
export function allowPermissionRequest(permission: string, details: MediaDetails): boolean {
  if (permission !== 'media' || !isAppUrl(details.requestingUrl ?? '')) return false;
  const kinds = details.mediaTypes ?? [];
  return kinds.length > 0 && kinds.every((kind) => kind === 'video');
}

/** The same rule for Chromium's permission checks (navigator.permissions, device enumeration). */
export function allowPermissionCheck(permission: string, requestingOrigin: string, details: MediaDetails): boolean {
  return (
    permission === 'media' &&
    requestingOrigin === APP_ORIGIN &&
    (details.mediaType === undefined || details.mediaType === 'video')
  );
}

/** Where a window may go: only pages of the app. Anything else, file:// included, is refused. */
export const mayNavigate = (url: string): boolean => isAppUrl(url);

/** A link to the web opens in the user's browser; nothing ever opens a new Packbench window. */
export function windowOpenAction(url: string, openExternal: (url: string) => void): { action: 'deny' } {
  if (url.startsWith('https://')) openExternal(url);
  return { action: 'deny' };
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(
      allowPermissionRequest(permission, {
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : [],
        requestingUrl: details.requestingUrl ?? contents.getURL(),
      }),
    ),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, {
      mediaType: 'mediaType' in details ? details.mediaType : undefined,
    }),
  );
  // The station server and the app:// handler already send it; this covers every other response the window gets.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenContents(contents: WebContents, openExternal: (url: string) => void): void {
  // The app never navigates: every screen is inside the one page.
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenAction(url, openExternal));
}
