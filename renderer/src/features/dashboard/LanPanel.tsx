import { useTranslation } from 'react-i18next';
import { callStation } from '../../station/bridge';
import { useAction } from '../../station/use-action';
import { useStationQuery } from '../../station/hooks';

/** Settings' section for the LAN view: whether it runs, and the pairing links a supervisor opens on a tablet. */
export function LanPanel() {
  const { t } = useTranslation('dashboard');
  const info = useStationQuery('lan.info', {}, ['lan.changed', 'settings.changed']);
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const rotate = () =>
    run(async () => {
      await callStation('lan.rotateToken', {});
    });
  return (
    <section className="lan-panel" data-testid="lan-panel">
      <h2>{t('lan.title')}</h2>
      {info.data && !info.data.enabled && <p>{t('lan.off')}</p>}
      {info.data?.error && <p className="message message--error">{t('lan.error', { error: info.data.error })}</p>}
      {info.data?.listening && (
        <>
          <p>{info.data.urls.length ? t('lan.links') : t('lan.noAddress')}</p>
          <ul className="plain">
            {info.data.urls.map((url) => (
              <li key={url}>
                <code translate="no" data-testid="lan-url">
                  {url}
                </code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={rotate}>
            {t('lan.rotate')}
          </button>
        </>
      )}
      {(error ?? info.error) && <p role="alert">{error ?? info.error}</p>}
    </section>
  );
}
