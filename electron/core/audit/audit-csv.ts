import type { AuditRow } from '../../../shared/contract/audit';

const HEADER = ['id', 'time_utc', 'station', 'user_id', 'user', 'action', 'order', 'details'];

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a
 * leading apostrophe: the log holds scanned codes and typed reasons, which are anyone's input.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsvHeader(): string {
  return HEADER.join(',') + '\r\n';
}

export function auditCsvLine(row: AuditRow): string {
  return (
    [
      row.id,
      new Date(row.at).toISOString(),
      row.stationId,
      row.userId,
      row.userName,
      row.action,
      row.orderId,
      JSON.stringify(row.details),
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}
