import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../station/bridge';
import { useStationQuery } from '../station/hooks';
import { LockScreen } from './LockScreen';
import { screens } from './screens';
import { StatusLine } from './StatusLine';

export function App() {
  const { t, i18n } = useTranslation();
  const status = useStationQuery('station.status', {}, ['station.status', 'settings.changed']);
  const [current, setCurrent] = useState(screens[0]!.id);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const screen = screens.find((s) => s.hotkey === event.key);
      if (screen) {
        event.preventDefault();
        setCurrent(screen.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const locale = useStationQuery('settings.list', {}, ['settings.changed']).data?.find((s) => s.key === 'station.locale')?.value;
  useEffect(() => {
    if (typeof locale === 'string' && locale !== i18n.language) void i18n.changeLanguage(locale);
  }, [locale, i18n]);

  const Screen = screens.find((s) => s.id === current)!.component;
  const lock = () => void callStation('session.lock', {});
  return (
    <div className="app">
      {status.data && !status.data.user ? (
        <LockScreen />
      ) : (
        <>
          <nav className="app-nav" aria-label="Screens">
            {screens.map((screen) => (
              <button key={screen.id} type="button" aria-current={screen.id === current ? 'page' : undefined} onClick={() => setCurrent(screen.id)}>
                {t(screen.label)} <kbd>{screen.hotkey}</kbd>
              </button>
            ))}
          </nav>
          <div className="app-screen">{status.data && <Screen />}</div>
        </>
      )}
      <StatusLine status={status.data} error={status.error} onLock={lock} />
    </div>
  );
}
