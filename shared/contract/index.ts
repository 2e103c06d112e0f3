import type { z } from 'zod';
import { auditCalls } from './audit';
import { carriersCalls } from './carriers';
import { dashboardCalls, type dashboardEvents, lanCalls } from './dashboard';
import { packCalls, type packEvents } from './pack';
import { photosCalls, type photosEvents } from './photos';
import { printingCalls, type printingEvents } from './printing';
import { scaleCalls, type scaleEvents } from './scale';
import { pickupsCalls, type pickupsEvents } from './pickups';
import { ordersCalls, type ordersEvents } from './orders';
import { stationCalls, type stationEvents } from './station';
import { syncCalls, type syncEvents } from './sync';
import { usersCalls, type usersEvents } from './users';

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

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What a caller passes (before defaults are applied). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

/** Every event's payload schema, by name: a type only, since events are built by the core and read by the UI. */
export type Events = typeof stationEvents &
  typeof ordersEvents &
  typeof packEvents &
  typeof dashboardEvents &
  typeof usersEvents &
  typeof syncEvents &
  typeof pickupsEvents &
  typeof photosEvents &
  typeof printingEvents &
  typeof scaleEvents;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export type StationEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);

export * from './result';
export * from './station';
export { type Access, type CallSpec } from './define';
