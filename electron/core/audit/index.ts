// The audit feature's public entry: recording an audit row, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { auditHandlers } from './audit-handlers';
export { recordAudit, type AuditEntry } from './audit-log';
