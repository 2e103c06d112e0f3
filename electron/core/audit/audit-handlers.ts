import type { auditCalls } from '../../../shared/contract/audit';
import type { HandlersFor } from '../contract/dispatch';
import type { StationServices } from '../station/services';
import { auditCsvHeader, auditCsvLine } from './audit-csv';
import { auditFacets, auditPage, auditRows } from './audit-query';

/** An export larger than this would not open in a spreadsheet anyway; narrow the filter instead. */
const MAX_EXPORT_ROWS = 100_000;

export function auditHandlers(
  svc: Pick<StationServices, 'audit' | 'db' | 'now' | 'stationId'>,
): HandlersFor<typeof auditCalls> {
  return {
    'audit.list': ({ limit, ...filter }) => auditPage(svc.db, filter, limit),
    'audit.facets': () => auditFacets(svc.db),
    'audit.exportCsv': (filter, ctx) => {
      let csv = auditCsvHeader();
      let rows = 0;
      let truncated = false;
      for (const row of auditRows(svc.db, filter, MAX_EXPORT_ROWS + 1)) {
        if (rows === MAX_EXPORT_ROWS) {
          truncated = true;
          break;
        }
        csv += auditCsvLine(row);
        rows += 1;
      }
      // Who took a copy of the log is itself worth knowing.
      svc.audit({ action: 'audit.export', userId: ctx.user?.id ?? null, details: { filter, rows } });
      const stamp = new Date(svc.now()).toISOString().slice(0, 16).replace(/[:T]/g, '-');
      return {
        filename: `packbench-audit-${svc.stationId.replace(/[^\w-]/g, '_')}-${stamp}.csv`,
        csv,
        rows,
        truncated,
      };
    },
  };
}
