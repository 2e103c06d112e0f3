import { describe, expect, it } from 'vitest';
import {
  allowDevice,
  allowPermissionCheck,
  allowPermissionRequest,
  chooseHidDevice,
} from '../../../electron/shell/security';

const scale = { deviceId: 'dymo', collections: [{ usagePage: 0x8d }] };
const keyboard = { deviceId: 'keyboard', collections: [{ usagePage: 0x01 }] };
const securityKey = { deviceId: 'fido', collections: [{ usagePage: 0xf1d0 }] };

describe('USB scales in the desktop window', () => {
  it('lets the app page open HID point-of-sale scales and no other device, from no other page', () => {
    expect(allowDevice({ deviceType: 'hid', origin: 'app://packbench', device: scale })).toBe(true);
    expect(allowDevice({ deviceType: 'hid', origin: 'app://packbench', device: keyboard })).toBe(false);
    expect(allowDevice({ deviceType: 'hid', origin: 'app://packbench', device: securityKey })).toBe(false);
    expect(allowDevice({ deviceType: 'hid', origin: 'app://packbench', device: { deviceId: 'bare' } })).toBe(false);
    expect(allowDevice({ deviceType: 'hid', origin: 'https://evil.example', device: scale })).toBe(false);
    expect(allowDevice({ deviceType: 'usb', origin: 'app://packbench', device: scale })).toBe(false);
    expect(allowDevice({ deviceType: 'serial', origin: 'app://packbench', device: scale })).toBe(false);
  });

  it('checks WebHID for the app page only; a permission request for HID is still refused', () => {
    expect(allowPermissionCheck('hid', 'app://packbench', {})).toBe(true);
    expect(allowPermissionCheck('hid', 'file://', {})).toBe(false);
    expect(allowPermissionCheck('serial', 'app://packbench', {})).toBe(false);
    expect(allowPermissionCheck('usb', 'app://packbench', {})).toBe(false);
    expect(allowPermissionRequest('hid', { requestingUrl: 'app://packbench/index.html' })).toBe(false);
  });

  it('"Connect a USB scale" picks the first scale offered, or nothing', () => {
    expect(chooseHidDevice([keyboard, scale, { ...scale, deviceId: 'second' }])).toBe('dymo');
    expect(chooseHidDevice([keyboard, securityKey])).toBeUndefined();
    expect(chooseHidDevice([])).toBeUndefined();
  });
});
