import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useAction } from '../../station/use-action';
import { useStationQuery } from '../../station/hooks';
import { ManifestView } from './ManifestView';
import { PickupCard } from './PickupCard';
import { SyncProblems } from './SyncProblems';
import './pickups.css';

/** F3: parcels waiting per carrier, pickups and their bookings, the handover scan, and writes that need action. */
export function PickupsScreen() {
  const { t, i18n } = useTranslation('pickups');
  const list = useStationQuery('pickups.list', {}, ['pickups.changed', 'pack.changed', 'sync.changed']);
  const [manifestId, setManifestId] = useState<number | null>(null);
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const format = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(ms);

  if (manifestId !== null) return <ManifestView manifestId={manifestId} onBack={() => setManifestId(null)} />;
  const data = list.data;
  const create = (carrier: string, shippingType: 'TIKTOK' | 'SELLER') =>
    run(async () => {
      await callStation('pickups.create', { carrier, shippingType });
    });

  return (
    <section className="screen pickups">
      <h1>{t('title')}</h1>
      {(list.error || error) && (
        <p role="alert" className="message message--error">
          {list.error ?? error}
        </p>
      )}
      {data && data.late.length > 0 && (
        <div role="alert" className="pickups__late" data-testid="late-parcels">
          <strong>{t('late')}</strong>: {data.late.map((p) => `${p.orderId} (${p.carrier})`).join(', ')}
        </div>
      )}
      <h2>{t('waiting')}</h2>
      {data?.groups.length ? (
        <ul className="pickups__groups">
          {data.groups.map((group) => (
            <li key={`${group.carrier}|${group.shippingType}`} data-testid={`group-${group.carrier}`}>
              <strong>{group.carrier}</strong> · {t(`shipping.${group.shippingType}`)} ·{' '}
              {t('parcels', { count: group.parcels.length })}{' '}
              <button type="button" onClick={() => create(group.carrier, group.shippingType)}>
                {t('create')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noneWaiting')}</p>
      )}
      <h2>{t('pickups')}</h2>
      {data?.pickups.length ? (
        data.pickups.map((pickup) => (
          <PickupCard key={pickup.id} pickup={pickup} onManifest={setManifestId} format={format} />
        ))
      ) : (
        <p>{t('noPickups')}</p>
      )}
      <SyncProblems />
    </section>
  );
}
