import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StationTimeZone } from '../i18n/format';
import { callStation } from '../station/bridge';
import { useStationQuery } from '../station/hooks';
import { DemoPinReplacement, LockScreen } from './LockScreen';
import { DashboardScreen, screens } from './screens';
import { StatusLine } from './StatusLine';
import { useInactivityLock } from './use-inactivity-lock';

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

  const settings = useStationQuery('settings.list', {}, ['settings.changed']).data;
  const setting = (key: string) => settings?.find((s) => s.key === key)?.value;
  const locale = setting('station.locale');
  useEffect(() => {
    if (typeof locale === 'string' && locale !== i18n.language) void i18n.changeLanguage(locale);
    document.documentElement.lang = i18n.language;
  }, [locale, i18n]);
  const timeZone = setting('station.timeZone');
  useInactivityLock(Number(setting('station.lockAfterMinutes') ?? 0), Boolean(status.data?.user));
  // The LAN view (a tablet, a wall display) shows the dashboard alone: no sign-in, nothing it could change.
  const viewer = useStationQuery('dashboard.viewer', {}).data;

  const Screen = screens.find((s) => s.id === current)!.component;
  const lock = () => void callStation('session.lock', {});
  if (!viewer) return null;
  if (viewer.readOnly) {
    return (
      <StationTimeZone.Provider value={typeof timeZone === 'string' ? timeZone : undefined}>
        <div className="app app--lan">
          <main className="app-screen">
            <Suspense fallback={null}>
              <DashboardScreen readOnly />
            </Suspense>
          </main>
        </div>
      </StationTimeZone.Provider>
    );
  }
  return (
    <StationTimeZone.Provider value={typeof timeZone === 'string' ? timeZone : undefined}>
      <div className="app">
        {status.data && !status.data.user ? (
          <LockScreen />
        ) : status.data && status.data.demoPinUsers.length > 0 ? (
          <DemoPinReplacement users={status.data.demoPinUsers} />
        ) : (
          <>
            <nav className="app-nav" aria-label={t('nav.label')}>
              {screens.map((screen) => (
                <button
                  key={screen.id}
                  type="button"
                  aria-current={screen.id === current ? 'page' : undefined}
                  onClick={() => setCurrent(screen.id)}
                >
                  {t(screen.label)} <kbd>{screen.hotkey}</kbd>
                </button>
              ))}
            </nav>
            <div className="app-screen">
              <Suspense fallback={<p className="screen-loading" role="status" aria-busy="true" />}>
                {status.data && <Screen />}
              </Suspense>
            </div>
          </>
        )}
        <StatusLine status={status.data} error={status.error} onLock={lock} />
      </div>
    </StationTimeZone.Provider>
  );
}
