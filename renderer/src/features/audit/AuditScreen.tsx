import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter, AuditRow } from '../../../../shared/contract/audit';
import { useFormat } from '../../i18n/format';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';

/** Action families offered besides the exact actions the log holds. */
const FAMILIES = ['pack.', 'print.', 'sync.', 'users.', 'settings.', 'session.'] as const;

/** <input type="datetime-local"> speaks the browser's local time; the filter speaks Unix ms. */
const toMs = (value: string) => (value ? new Date(value).getTime() : undefined);

function download(filename: string, csv: string): void {
  // A BOM so spreadsheet programs read the UTF-8 (Chinese names, addresses) correctly.
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every recorded action (scans, overrides, holds, prints, voids, syncs, settings), filtered, exportable to CSV. */
export function AuditScreen({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const facets = useStationQuery('audit.facets', {});
  const [form, setForm] = useState({ from: '', to: '', userId: '', action: '', orderId: '', stationId: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [older, setOlder] = useState<AuditRow[]>([]);
  const [olderHasMore, setOlderHasMore] = useState(false);
  const { outcome, run } = useAction();
  const message = outcome?.ok ? outcome.text : null;
  const error = outcome && !outcome.ok ? outcome.text : null;
  const page = useStationQuery('audit.list', { ...filter, limit: 200 }, ['settings.changed', 'users.changed']);
  const rows = [...(page.data?.rows ?? []), ...older];
  const hasMore = older.length ? olderHasMore : (page.data?.hasMore ?? false);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    setOlder([]);
    setFilter({
      from: toMs(form.from),
      to: toMs(form.to),
      userId: form.userId ? Number(form.userId) : undefined,
      action: form.action || undefined,
      orderId: form.orderId.trim() || undefined,
      stationId: form.stationId || undefined,
    });
  };
  const loadOlder = () =>
    run(async () => {
      const last = rows[rows.length - 1];
      if (!last) return;
      const next = await callStation('audit.list', { ...filter, beforeId: last.id, limit: 200 });
      setOlder([...older, ...next.rows]);
      setOlderHasMore(next.hasMore);
    });
  const exportCsv = () =>
    run(async () => {
      const result = await callStation('audit.exportCsv', filter);
      download(result.filename, result.csv);
      return result.truncated
        ? t('truncated', { rows: result.rows })
        : t('exported', { rows: result.rows, file: result.filename });
    });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });

  return (
    <section className="screen audit" data-testid="audit-screen">
      <header className="dashboard-header">
        <button type="button" onClick={onBack}>
          ← {t('back')}
        </button>
        <h1>{t('title')}</h1>
        <button type="button" onClick={exportCsv}>
          {t('export')}
        </button>
      </header>
      <form className="audit-filters" onSubmit={apply}>
        <label>
          {t('from')} <input type="datetime-local" value={form.from} onChange={set('from')} />
        </label>
        <label>
          {t('to')} <input type="datetime-local" value={form.to} onChange={set('to')} />
        </label>
        <label>
          {t('user')}{' '}
          <select value={form.userId} onChange={set('userId')}>
            <option value="">{t('any')}</option>
            {facets.data?.users.map((user) => (
              <option key={user.id} value={user.id} translate="no">
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('action')}{' '}
          <select value={form.action} onChange={set('action')}>
            <option value="">{t('any')}</option>
            {FAMILIES.map((family) => (
              <option key={family} value={family}>
                {t(`family.${family}`)}
              </option>
            ))}
            {facets.data?.actions.map((action) => (
              <option key={action} value={action} translate="no">
                {action}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('station')}{' '}
          <select value={form.stationId} onChange={set('stationId')}>
            <option value="">{t('any')}</option>
            {facets.data?.stations.map((station) => (
              <option key={station} value={station} translate="no">
                {station}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('order')} <input value={form.orderId} onChange={set('orderId')} />
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      {message && <p role="status">{message}</p>}
      {(error ?? page.error) && <p role="alert">{error ?? page.error}</p>}
      {page.data && rows.length === 0 && <p className="muted">{t('empty')}</p>}
      {rows.length > 0 && (
        <table data-testid="audit-table">
          <thead>
            <tr>
              {(['time', 'station', 'user', 'action', 'order', 'details'] as const).map((col) => (
                <th key={col} scope="col">
                  {t(`col.${col}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{format.dateTime(row.at)}</td>
                <td translate="no">{row.stationId}</td>
                <td translate="no">{row.userName ?? t('system')}</td>
                <td translate="no">
                  <code>{row.action}</code>
                </td>
                <td translate="no">{row.orderId ?? ''}</td>
                <td translate="no">
                  <code className="details">{Object.keys(row.details).length ? JSON.stringify(row.details) : ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button type="button" onClick={loadOlder}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
