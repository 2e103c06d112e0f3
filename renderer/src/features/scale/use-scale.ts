import { useCallback, useEffect, useRef, useState } from 'react';
import type { WeightSource } from '../../../../shared/contract/scale';
import { parseScaleReport, type ReportRefusal, type ScaleReading } from '../../../../shared/domain/weight/hid-report';
import { callStation } from '../../station/bridge';
import { useStationEvent, useStationQuery } from '../../station/hooks';
import {
  grantedScales,
  hidApi,
  isScale,
  reportBytes,
  type HidConnectionEvent,
  type HidDevice,
  type HidInputReportEvent,
} from './webhid';

/** Where the bench's weight comes from: a USB scale, the station's virtual scale, or nowhere (typed by hand). */
export type ScaleFeed = { kind: 'usb'; name: string } | { kind: 'virtual' } | { kind: 'none' };

export interface Scale {
  feed: ScaleFeed;
  reading: ScaleReading | null;
  /** The last report could not be read (a scale speaking another protocol, a damaged report). */
  unreadable: ReportRefusal | null;
}

/**
 * The desk's scale. A USB scale (WebHID, usage page 0x8D) granted before is opened at start and whenever it is
 * plugged in; without one, the station's virtual scale when it runs one. Both arrive as report bytes and go through
 * the same parser; each new reading is told to the station, which records the steady one with the packed parcel.
 */
export function useScale(): Scale {
  const status = useStationQuery('scale.status', {}, ['settings.changed']);
  const [usb, setUsb] = useState<HidDevice | null>(null);
  const usbRef = useRef<HidDevice | null>(null);
  const [reading, setReading] = useState<ScaleReading | null>(null);
  const [unreadable, setUnreadable] = useState<ReportRefusal | null>(null);
  const told = useRef('');

  const hear = useCallback((bytes: ArrayLike<number>, source: WeightSource) => {
    const parsed = parseScaleReport(bytes);
    if (!parsed.ok) {
      setUnreadable(parsed.code);
      return;
    }
    setUnreadable(null);
    setReading(parsed.reading);
    const { grams, state } = parsed.reading;
    const key = `${source}:${grams}:${state}`;
    // Scales repeat the same report several times a second: the station hears each change once.
    if (key === told.current) return;
    told.current = key;
    callStation('scale.reading', { grams, state, source }).catch(() => {
      told.current = '';
    });
  }, []);

  useEffect(() => {
    const hid = hidApi();
    if (!hid) return;
    let stopped = false;
    const onReport = (event: Event) => hear(reportBytes(event as HidInputReportEvent), 'scale');
    const attach = async (device: HidDevice) => {
      if (stopped || usbRef.current) return;
      if (!device.opened) await device.open();
      device.addEventListener('inputreport', onReport);
      usbRef.current = device;
      setUsb(device);
    };
    const detach = () => {
      usbRef.current?.removeEventListener('inputreport', onReport);
      usbRef.current = null;
      told.current = '';
      setUsb(null);
      setReading(null);
    };
    const onConnect = (event: Event) => {
      const { device } = event as HidConnectionEvent;
      if (isScale(device)) attach(device).catch(() => undefined);
    };
    const onDisconnect = (event: Event) => {
      if ((event as HidConnectionEvent).device === usbRef.current) detach();
    };
    hid.addEventListener('connect', onConnect);
    hid.addEventListener('disconnect', onDisconnect);
    grantedScales(hid)
      .then((scales) => scales[0] && attach(scales[0]))
      .catch(() => undefined);
    return () => {
      stopped = true;
      hid.removeEventListener('connect', onConnect);
      hid.removeEventListener('disconnect', onDisconnect);
      const device = usbRef.current;
      detach();
      device?.close().catch(() => undefined);
    };
  }, [hear]);

  const virtual = status.data?.virtual ?? null;
  // The virtual scale's last report, for a bench that opens after it was sent.
  useEffect(() => {
    if (!usb && virtual) hear(virtual.report, 'virtual');
  }, [usb, virtual, hear]);
  useStationEvent(['scale.report'], ({ report }) => {
    if (!usbRef.current) hear(report, 'virtual');
  });

  const feed: ScaleFeed = usb
    ? { kind: 'usb', name: usb.productName || 'USB' }
    : virtual
      ? { kind: 'virtual' }
      : { kind: 'none' };
  return { feed, reading: feed.kind === 'none' ? null : reading, unreadable };
}
