import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import { APP_ENTRY, isAppUrl } from '../../../electron/shell/app-origin';
import { appResponse } from '../../../electron/shell/app-protocol';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  mayNavigate,
  windowOpenAction,
} from '../../../electron/shell/security';

describe('the Electron window', () => {
  it('may navigate only within app://packbench: file:// and the web are refused', () => {
    expect(mayNavigate(APP_ENTRY)).toBe(true);
    expect(mayNavigate('app://packbench/index.html#/settings')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'file:///home/me/Downloads/invoice.html',
      'https://evil.example/',
      'http://127.0.0.1:4780/',
      'app://evil/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect({ url, allowed: mayNavigate(url) }).toEqual({ url, allowed: false });
    }
  });

  it('opens no new window; a https link goes to the user’s browser, anything else nowhere', () => {
    const opened: string[] = [];
    for (const url of [
      'https://seller.tiktok.com/',
      'file:///etc/passwd',
      'app://packbench/index.html',
      'http://example.com/',
    ]) {
      expect(windowOpenAction(url, (u) => opened.push(u))).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://seller.tiktok.com/']);
  });

  it('grants the camera to the app page only: no microphone, no other permission, no other page', () => {
    const app = 'app://packbench/index.html';
    expect(allowPermissionRequest('media', { mediaTypes: ['video'], requestingUrl: app })).toBe(true);
    expect(allowPermissionRequest('media', { mediaTypes: ['video', 'audio'], requestingUrl: app })).toBe(false);
    expect(allowPermissionRequest('media', { mediaTypes: ['audio'], requestingUrl: app })).toBe(false);
    expect(allowPermissionRequest('media', { mediaTypes: [], requestingUrl: app })).toBe(false);
    expect(allowPermissionRequest('media', { mediaTypes: ['video'], requestingUrl: 'file:///tmp/x.html' })).toBe(false);
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'midi',
      'openExternal',
      'fullscreen',
    ]) {
      expect({
        permission,
        granted: allowPermissionRequest(permission, { mediaTypes: ['video'], requestingUrl: app }),
      }).toEqual({ permission, granted: false });
    }
    expect(allowPermissionCheck('media', 'app://packbench', { mediaType: 'video' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://packbench', { mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('media', 'file://', { mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('geolocation', 'app://packbench', {})).toBe(false);
  });

  it('serves the renderer from app:// with the one content security policy, and nothing outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packbench-renderer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Packbench</title>');
    const page = await appResponse(dir, APP_ENTRY);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Packbench</title>');
    // A client-side route falls back to the page; the URL parser resolves ../ before the folder is even looked at.
    expect((await appResponse(dir, 'app://packbench/settings')).status).toBe(200);
    expect((await appResponse(dir, 'app://packbench/../../../etc/passwd')).status).toBe(200);
    expect(await (await appResponse(dir, 'app://packbench/..%2f..%2fetc%2fpasswd')).text()).not.toContain('root:');
    expect((await appResponse(dir, 'app://packbench/missing.js')).status).toBe(404);
    expect((await appResponse(dir, 'app://other/index.html')).status).toBe(404);
    expect((await appResponse(dir, 'app://packbench/%E0%A4%A')).status).toBe(400);
    expect(isAppUrl('app://packbench:8080/index.html')).toBe(false);
  });
});
