import { z } from 'zod';
import type { ScaleState } from '../domain/weight/hid-report';
import { DESK_UNITS, MAX_PARCEL_GRAMS } from '../domain/weight/units';
import { call } from './define';

const OrderId = z.string().min(1).max(100);

/** Where a weight came from: a USB scale read by the UI, a weight the packer typed, or the built-in virtual scale. */
export const WeightSource = z.enum(['scale', 'typed', 'virtual']);
export type WeightSource = z.infer<typeof WeightSource>;

const ScaleStateName = z.enum([
  'fault',
  'zero',
  'in_motion',
  'stable',
  'under_zero',
  'over_capacity',
  'calibrate',
  'rezero',
]) satisfies z.ZodType<ScaleState>;

/** What the desk's scale says now, as the UI read it (a scale can show more than a parcel may weigh). */
export const LiveReading = z.object({
  grams: z.number().int().min(0).max(1_000_000),
  state: ScaleStateName,
  source: WeightSource,
  at: z.number(),
});
export type LiveReading = z.infer<typeof LiveReading>;

/** The weight recorded with a parcel: what its label and customs form carry. */
export const ParcelWeight = z.object({
  orderId: z.string(),
  grams: z.number().int(),
  source: WeightSource,
  weighedAt: z.number(),
  weighedBy: z.number().int().nullable(),
});
export type ParcelWeight = z.infer<typeof ParcelWeight>;

const DeskUnit = z.enum(DESK_UNITS);

/** Why a weight was not recorded: the UI words each (renderer/src/features/scale/strings.ts). */
export const WEIGHT_REFUSALS = ['no_reading', 'not_stable', 'empty_scale', 'too_heavy'] as const;
export type WeightRefusal = (typeof WEIGHT_REFUSALS)[number];

export const VirtualScale = z.object({
  grams: z.number().int(),
  state: ScaleStateName,
  unit: DeskUnit,
  /** The report bytes it sends now (report id first), for a UI that starts after the last report went out. */
  report: z.array(z.number().int().min(0).max(255)),
});
export type VirtualScale = z.infer<typeof VirtualScale>;

export const scaleCalls = {
  /** The desk's live reading, its unit for typed weights, and the virtual scale when the station runs one. */
  'scale.status': call({
    input: z.object({}),
    output: z.object({ reading: LiveReading.nullable(), deskUnit: DeskUnit, virtual: VirtualScale.nullable() }),
    access: 'read',
  }),
  /** The UI tells the station what the scale says now (read from WebHID or the virtual scale's bytes, or typed). */
  'scale.reading': call({
    input: z.object({ grams: z.number().int().min(0).max(1_000_000), state: ScaleStateName, source: WeightSource }),
    output: LiveReading,
    access: 'packer',
  }),
  /**
   * Records the desk's stable reading with the order's parcel (the packer pressed Ctrl+G): it replaces what was recorded
   * before and is what the next label or reprint carries. Refused with details.reason (WeightRefusal) otherwise.
   */
  'scale.record': call({ input: z.object({ orderId: OrderId }), output: ParcelWeight, access: 'packer' }),
  'scale.weight': call({ input: z.object({ orderId: OrderId }), output: ParcelWeight.nullable(), access: 'read' }),
  /**
   * Puts a weight on the virtual scale (tests and demos): it reports "in motion" first when settleMs is given, then
   * the weight as stable (or the state asked for). Refused when the station runs no virtual scale.
   */
  'scale.virtual.set': call({
    input: z.object({
      grams: z
        .number()
        .int()
        .min(0)
        .max(MAX_PARCEL_GRAMS * 2),
      unit: DeskUnit.default('g'),
      state: ScaleStateName.optional(),
      settleMs: z.number().int().min(0).max(10_000).default(0),
    }),
    output: VirtualScale,
    access: 'packer',
  }),
};

export const scaleEvents = {
  /** The virtual scale sent a report: the UI reads it with the same parser as a USB scale's. */
  'scale.report': z.object({ report: z.array(z.number().int().min(0).max(255)).max(64) }),
  /** A weight was recorded with a parcel. */
  'scale.recorded': ParcelWeight,
};
