import type { z } from 'zod';

/**
 * Who may make a call at this desk.
 * - read: anybody at the station, signed in or not (queues, status, previews); changes nothing.
 * - signin: signing in and locking, the only calls besides reads that need nobody signed in.
 * - packer: a signed-in packer or supervisor: scans, prints, pulls, handovers.
 * - supervisor: the signed-in user must be a supervisor.
 */
export type Access = 'read' | 'signin' | 'packer' | 'supervisor';

/**
 * What the read-only LAN view (a tablet, a wall display on the network) may call; without it, nothing.
 * - aggregate: counts and rates, no buyer's data: always served to a paired device.
 * - details: orders with buyer names and addresses, and photos: only while a supervisor has lan.details on.
 */
export type LanExposure = 'aggregate' | 'details';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  lan?: LanExposure;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => spec;

export type CallSpecs = Record<string, CallSpec>;
