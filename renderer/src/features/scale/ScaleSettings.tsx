import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationQuery } from '../../station/hooks';
import { grantedScales, hidApi, requestScale } from './webhid';

/**
 * Connecting a USB scale: WebHID asks once (it needs a click), then the bench reopens the scale at every start.
 * Where the window has no WebHID (the browser view of some browsers), weights are typed at the bench.
 */
export function ScaleSettings() {
  const { t } = useTranslation('scale');
  const hid = hidApi();
  const virtual = useStationQuery('scale.status', {}, ['settings.changed']).data?.virtual ?? null;
  const [names, setNames] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!hid) return;
    grantedScales(hid)
      .then((scales) => setNames(scales.map((scale) => scale.productName)))
      .catch(() => undefined);
  }, [hid]);

  const connect = async () => {
    if (!hid) return;
    try {
      const chosen = await requestScale(hid);
      setMessage(chosen.length > 0 ? null : t('settings.notChosen'));
      setNames((await grantedScales(hid)).map((scale) => scale.productName));
    } catch {
      setMessage(t('settings.notChosen'));
    }
  };

  return (
    <section className="scale-settings" data-testid="scale-settings" aria-labelledby="scale-settings-title">
      <h2 id="scale-settings-title">{t('settings.title')}</h2>
      {hid ? (
        <>
          <p>{t('settings.hint')}</p>
          <button type="button" onClick={() => void connect()}>
            {t('settings.connect')}
          </button>{' '}
          <span>{names.length > 0 ? t('settings.connected', { names: names.join(', ') }) : t('settings.none')}</span>
        </>
      ) : (
        <p>{t('settings.unsupported')}</p>
      )}
      {message && <p className="message message--warn">{message}</p>}
      {virtual && <p>{t('settings.virtualOn')}</p>}
    </section>
  );
}
