import { z } from 'zod';
import { call } from './define';

export const AuditFilter = z.object({
  from: z.number().optional(),
  to: z.number().optional(),
  userId: z.number().int().optional(),
  /** An exact action ("pack.hold") or a family ending in a dot ("pack."). */
  action: z.string().trim().max(100).optional(),
  orderId: z.string().trim().max(100).optional(),
  stationId: z.string().trim().max(100).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.number(),
  stationId: z.string(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  orderId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** The audit trail holds everything that happened at the station: only supervisors read or export it. */
export const auditCalls = {
  'audit.list': call({
    input: AuditFilter.extend({
      /** Newest first; pass the last id seen to page further back. */
      beforeId: z.number().int().optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(AuditRow), hasMore: z.boolean() }),
    access: 'supervisor',
  }),
  'audit.facets': call({
    input: z.object({}),
    output: z.object({
      actions: z.array(z.string()),
      stations: z.array(z.string()),
      users: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
    access: 'supervisor',
  }),
  'audit.exportCsv': call({
    input: AuditFilter,
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int(), truncated: z.boolean() }),
    access: 'supervisor',
  }),
};
