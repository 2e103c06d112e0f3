import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { SCALE_USAGE_PAGE } from '../../shared/domain/weight/hid-report';
import { APP_ORIGIN, isAppUrl } from './app-origin';

/** Details Electron gives a permission request or check about media: which kinds of device are asked for. */
export interface MediaDetails {
  mediaTypes?: ReadonlyArray<string>;
  mediaType?: string;
  requestingUrl?: string;
}

/**
 * A packing desk needs one permission: the camera, for parcel and handover photos, asked by the app's own page.
 * The microphone, notifications, geolocation, HID/serial/USB and everything else are refused (USB scales, the one
 * HID device a desk uses, go through the device handlers below, never through a permission request).
 */
export function allowPermissionRequest(permission: string, details: MediaDetails): boolean {
  if (permission !== 'media' || !isAppUrl(details.requestingUrl ?? '')) return false;
  const kinds = details.mediaTypes ?? [];
  return kinds.length > 0 && kinds.every((kind) => kind === 'video');
}

/**
 * The same rule for Chromium's permission checks (navigator.permissions, device enumeration); WebHID is checked
 * too, for the app's page: which HID devices it may open is the device handler's decision (scales only).
 */
export function allowPermissionCheck(permission: string, requestingOrigin: string, details: MediaDetails): boolean {
  if (permission === 'hid') return requestingOrigin === APP_ORIGIN;
  return (
    permission === 'media' &&
    requestingOrigin === APP_ORIGIN &&
    (details.mediaType === undefined || details.mediaType === 'video')
  );
}

/** An HID device as Electron describes it; its collections say what kind of device it is. */
export interface HidDeviceInfo {
  deviceId: string;
  collections?: ReadonlyArray<{ usagePage?: number }>;
}

/** A USB point-of-sale scale (HID usage page 0x8D): the only HID device the app's page may open. */
const isHidScale = (device: HidDeviceInfo): boolean =>
  device.collections?.some((collection) => collection.usagePage === SCALE_USAGE_PAGE) ?? false;

/**
 * A scale plugged into the desk may be opened by the app's page without asking again (the bench reopens it at every
 * start); every other device (keyboards, security keys, anything on USB or serial) is refused.
 */
export function allowDevice(details: { deviceType: string; origin: string; device: HidDeviceInfo }): boolean {
  return details.deviceType === 'hid' && details.origin === APP_ORIGIN && isHidScale(details.device);
}

/** What "Connect a USB scale" picks: Electron shows no chooser, so the first scale offered, or none. */
export const chooseHidDevice = (devices: readonly HidDeviceInfo[]): string | undefined =>
  devices.find(isHidScale)?.deviceId;

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
  session.setDevicePermissionHandler((details) =>
    allowDevice({ deviceType: details.deviceType, origin: details.origin, device: details.device as HidDeviceInfo }),
  );
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(chooseHidDevice(details.deviceList));
  });
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
