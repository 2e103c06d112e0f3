import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { pinErrorText, pinWaitText } from '../i18n/errors';
import { callStation } from '../station/bridge';
import { useStationQuery } from '../station/hooks';

/** Seconds left until the station checks a PIN again, counted down once a second; 0 when it will now. */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (at === null || at <= Date.now()) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Sign-in by PIN; a badge scanner that types the PIN and Enter works the same way. After too many wrong PINs the
 * station makes the desk wait, and this screen shows how long is left.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const status = useStationQuery('station.status', {}, ['station.status']);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  // The station's clock may differ from this screen's: its retry time is turned into a wait from now.
  const stationRetryAt = status.data?.pinRetryAt ? Date.now() + (status.data.pinRetryAt - status.data.time) : null;
  const secondsLeft = useSecondsUntil(retryAt ?? stationRetryAt);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await callStation('session.login', { pin });
    } catch (failure) {
      const { details } = failure as { details?: { retryAfterMs?: number } };
      setRetryAt(details?.retryAfterMs ? Date.now() + details.retryAfterMs : null);
      setError(pinErrorText(failure));
      setPin('');
    }
  };
  return (
    <main className="lock-screen">
      <h1>{t('lock.title')}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t('lock.prompt')}
          <input
            autoFocus
            type="password"
            inputMode="numeric"
            autoComplete="off"
            aria-label={t('lock.pin')}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
          />
        </label>
        <button type="submit" disabled={secondsLeft > 0}>
          {t('lock.signIn')}
        </button>
      </form>
      {secondsLeft > 0 ? (
        <p role="alert" className="message message--error" data-testid="pin-wait">
          {pinWaitText(secondsLeft)}
        </p>
      ) : (
        error && (
          <p role="alert" className="message message--error">
            {error}
          </p>
        )
      )}
    </main>
  );
}

/**
 * Shown instead of the screens while a supervisor is signed in and anyone still has a demo PIN (1111, 9999): everyone
 * who can read the README knows those, so the first supervisor to sign in chooses new ones before anything else.
 */
export function DemoPinReplacement({ users }: { users: readonly SessionUser[] }) {
  const { t } = useTranslation();
  const [pins, setPins] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      for (const user of users) await callStation('users.setPin', { id: user.id, pin: pins[user.id] ?? '' });
    } catch (failure) {
      setError(pinErrorText(failure));
    }
  };
  return (
    <main className="lock-screen" data-testid="demo-pins">
      <h1>{t('lock.demoTitle')}</h1>
      <p>{t('lock.demoText')}</p>
      <form onSubmit={(event) => void submit(event)}>
        {users.map((user) => (
          <label key={user.id}>
            {t('lock.demoNewPin', { name: user.name })}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              required
              pattern="\d{4,8}"
              value={pins[user.id] ?? ''}
              onChange={(event) => setPins({ ...pins, [user.id]: event.target.value })}
            />
          </label>
        ))}
        <button type="submit">{t('lock.demoSave')}</button>
      </form>
      {error && (
        <p role="alert" className="message message--error">
          {error}
        </p>
      )}
    </main>
  );
}
