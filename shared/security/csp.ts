/**
 * The UI loads nothing from outside the station: scripts and styles from itself only, pictures also as data/blob
 * URLs (camera frames, label previews), connections only back to the station that served it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The LAN view's pairing page: plain HTML with one form back to itself, nothing else. */
export const PAIRING_PAGE_POLICY = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
