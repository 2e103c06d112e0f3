import { SCALE_DATA_REPORT, SCALE_USAGE_PAGE } from '../../../../shared/domain/weight/hid-report';

/** The part of WebHID the scale uses (the DOM library has no WebHID types yet). */
export interface HidDevice extends EventTarget {
  readonly opened: boolean;
  readonly productName: string;
  readonly collections: ReadonlyArray<{ usagePage?: number }>;
  open(): Promise<void>;
  close(): Promise<void>;
}
export interface HidInputReportEvent extends Event {
  readonly device: HidDevice;
  readonly reportId: number;
  readonly data: DataView;
}
export interface HidConnectionEvent extends Event {
  readonly device: HidDevice;
}
interface Hid extends EventTarget {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: Array<{ usagePage: number }> }): Promise<HidDevice[]>;
}

/** WebHID where the window has it (Chromium: the desktop window, Chrome on this computer); else null. */
export function hidApi(): Hid | null {
  return (navigator as Navigator & { hid?: Hid }).hid ?? null;
}

export const isScale = (device: HidDevice): boolean =>
  device.collections.some((collection) => collection.usagePage === SCALE_USAGE_PAGE);

/** Scales this window may already use (granted before): the bench reconnects to them at start. */
export async function grantedScales(hid: Hid): Promise<HidDevice[]> {
  return (await hid.getDevices()).filter(isScale);
}

/** Asks for a scale; the chooser lists HID point-of-sale scales only. Needs a click (a user gesture). */
export async function requestScale(hid: Hid): Promise<HidDevice[]> {
  return (await hid.requestDevice({ filters: [{ usagePage: SCALE_USAGE_PAGE }] })).filter(isScale);
}

/**
 * One input report as the scale sent it, report id first, for the shared parser. A scale whose descriptor numbers no
 * reports (WebHID says 0) has one input report, which can only be its data report.
 */
export const reportBytes = (event: HidInputReportEvent): number[] => [
  event.reportId || SCALE_DATA_REPORT,
  ...new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength),
];
