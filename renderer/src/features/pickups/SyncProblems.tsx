import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxRow } from '../../../../shared/contract/sync';
import { callStation } from '../../station/bridge';
import { useAction } from '../../station/use-action';
import { useStationQuery } from '../../station/hooks';

/** TikTok's code for a tracking number another parcel already uses: the fix is another number, not a corrected one. */
const TRACKING_IN_USE = '21011025';

function Problem({ row, onDone }: { row: OutboxRow; onDone: () => void }) {
  const { t } = useTranslation('pickups');
  const [text, setText] = useState('');
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const act = (promise: Promise<unknown>) =>
    run(async () => {
      await promise;
      onDone();
    });
  const action = row.action ?? 'retry';
  return (
    <li data-testid="sync-problem">
      <strong>{row.write.kind}</strong> · {row.write.orderId} · {row.errorCode ? `${row.errorCode}: ` : ''}
      {row.errorMessage}
      {row.requestId && <small> ({row.requestId})</small>}{' '}
      {action === 'fix_tracking' && (
        <>
          <input aria-label={t('newTracking')} value={text} onChange={(event) => setText(event.target.value)} />
          <button
            type="button"
            onClick={() => act(callStation('sync.fixTracking', { rowId: row.id, trackingNumber: text }))}
          >
            {t(row.errorCode === TRACKING_IN_USE ? 'action.new_tracking' : 'action.fix_tracking')}
          </button>
        </>
      )}
      {action === 'void_and_pull' && (
        <>
          <input aria-label={t('voidReason')} value={text} onChange={(event) => setText(event.target.value)} />
          <button
            type="button"
            onClick={() =>
              act(
                callStation('sync.voidAndPull', { rowId: row.id, reason: text || row.errorMessage || row.write.kind }),
              )
            }
          >
            {t('action.void_and_pull')}
          </button>
        </>
      )}
      {action === 'reconnect' && <span>{t('action.reconnect')}</span>}
      <button type="button" onClick={() => act(callStation('sync.retry', { rowId: row.id }))}>
        {t('action.retry')}
      </button>
      {error && <span className="message message--error"> {error}</span>}
    </li>
  );
}

/** Writes the marketplace refused for good, each with the action that settles it. */
export function SyncProblems() {
  const { t } = useTranslation('pickups');
  const failed = useStationQuery('sync.list', { states: ['failed'] }, ['sync.changed', 'sync.alert']);
  return (
    <section>
      <h2>{t('problems')}</h2>
      {failed.data?.length ? (
        <ul>
          {failed.data.map((row) => (
            <Problem key={row.id} row={row} onDone={failed.reload} />
          ))}
        </ul>
      ) : (
        <p>{t('noProblems')}</p>
      )}
    </section>
  );
}
