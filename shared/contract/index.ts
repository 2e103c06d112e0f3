import type { z } from 'zod';
import { auditCalls } from './audit';
import { carriersCalls } from './carriers';
import { dashboardCalls, dashboardEvents, lanCalls } from './dashboard';
import { packCalls, packEvents } from './pack';
import { photosCalls, photosEvents } from './photos';
import { printingCalls, printingEvents } from './printing';
import { scaleCalls, scaleEvents } from './scale';
import { pickupsCalls, pickupsEvents } from './pickups';
import { ordersCalls, ordersEvents } from './orders';
import { stationCalls, stationEvents } from './station';
import { syncCalls, syncEvents } from './sync';
import { usersCalls, usersEvents } from './users';

/**
 * The one contract between the UI and the station. Each feature contributes its calls and events from its own
 * file; both transports (Electron IPC and HTTP + SSE) serve exactly this map, so no feature exists on one only.
 */
export const calls = {
  ...stationCalls,
  ...ordersCalls,
  ...packCalls,
  ...dashboardCalls,
  ...lanCalls,
  ...usersCalls,
  ...auditCalls,
  ...syncCalls,
  ...pickupsCalls,
  ...photosCalls,
  ...printingCalls,
  ...carriersCalls,
  ...scaleCalls,
} as const;

export const events = {
  ...stationEvents,
  ...ordersEvents,
  ...packEvents,
  ...dashboardEvents,
  ...usersEvents,
  ...syncEvents,
  ...pickupsEvents,
  ...photosEvents,
  ...printingEvents,
  ...scaleEvents,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What a caller passes (before defaults are applied). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export type StationEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);

export * from './result';
export * from './station';
export { call, type Access, type CallSpec } from './define';
