import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BucketGroup, DashboardBuckets } from '../../../../shared/contract/dashboard';
import { BUCKETS, DEADLINES, type Bucket, type Deadline } from '../../../../shared/domain/deadlines/buckets';
import type { Service } from '../../../../shared/domain/orders/order';
import { CountButton } from './CountButton';
import type { OnDrill } from './drill';
import { keyFor } from '../../i18n/keys';
import { dashboardStrings } from './strings';

type GroupBy = 'carrier' | 'service';

function DeadlineTable({
  data,
  deadline,
  groupBy,
  onDrill,
}: {
  data: DashboardBuckets;
  deadline: Deadline;
  groupBy: GroupBy;
  onDrill: OnDrill;
}) {
  const { t } = useTranslation('dashboard');
  const bucketLabel = (bucket: Bucket) => t(`bucket.${bucket}`, { hours: data.atRiskHours });
  // A service this UI has no word for is shown as TikTok names it, like a carrier.
  const groupLabel = (group: BucketGroup) => {
    if (group.key === null) return t('noCarrier');
    const service = groupBy === 'service' ? keyFor(dashboardStrings.en, 'service.', group.key) : undefined;
    return service ? t(service) : group.key;
  };
  const groups = groupBy === 'carrier' ? data[deadline].byCarrier : data[deadline].byService;
  const row = (
    label: string,
    counts: BucketGroup['counts'],
    scope: { carrier?: string | null; service?: Service },
    testKey: string,
    dataLabel: boolean,
  ) => (
    <tr key={testKey}>
      <th scope="row" translate={dataLabel ? 'no' : undefined}>
        {label}
      </th>
      {BUCKETS.map((bucket) => (
        <td key={bucket}>
          <CountButton
            value={counts[bucket]}
            tone={bucket}
            testId={`bucket-${deadline}-${bucket}${testKey === 'total' ? '' : `-${testKey}`}`}
            onDrill={onDrill}
            request={{
              filter: { kind: 'bucket', deadline, bucket, ...scope },
              title: `${t(`deadline.${deadline}`)} · ${bucketLabel(bucket)} · ${label}`,
            }}
          />
        </td>
      ))}
    </tr>
  );
  return (
    <table className="buckets" data-testid={`buckets-${deadline}`}>
      <caption>{t(`deadline.${deadline}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`groupBy.${groupBy}`)}</th>
          {BUCKETS.map((bucket) => (
            <th scope="col" key={bucket} className={`bucket-head bucket-head--${bucket}`}>
              {bucketLabel(bucket)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row(t('total'), data[deadline].total, {}, 'total', false)}
        {groups.map((group) =>
          row(
            groupLabel(group),
            group.counts,
            groupBy === 'carrier' ? { carrier: group.key } : { service: group.key as Service },
            `${groupBy}-${group.key ?? 'none'}`,
            groupBy === 'carrier' && group.key !== null,
          ),
        )}
      </tbody>
    </table>
  );
}

/** The deadline buckets for both clocks, split by carrier or by service. */
export function BucketsPanel({ data, onDrill }: { data: DashboardBuckets; onDrill: OnDrill }) {
  const { t } = useTranslation('dashboard');
  const [groupBy, setGroupBy] = useState<GroupBy>('carrier');
  return (
    <section className="dashboard-panel dashboard-panel--buckets">
      <div className="toggle" role="group">
        {(['carrier', 'service'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={groupBy === option} onClick={() => setGroupBy(option)}>
            {t(`groupBy.${option}`)}
          </button>
        ))}
      </div>
      <div className="buckets-grid">
        {DEADLINES.map((deadline) => (
          <DeadlineTable key={deadline} data={data} deadline={deadline} groupBy={groupBy} onDrill={onDrill} />
        ))}
      </div>
    </section>
  );
}
