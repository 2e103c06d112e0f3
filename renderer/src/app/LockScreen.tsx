import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callStation } from '../station/bridge';

/** Sign-in by PIN; a badge scanner that types the PIN and Enter works the same way. */
export function LockScreen() {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await callStation('session.login', { pin });
    } catch (failure) {
      setError((failure as Error).message);
      setPin('');
    }
  };
  return (
    <main className="lock-screen">
      <h1>{t('lock.title')}</h1>
      <form onSubmit={submit}>
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
        <button type="submit">{t('lock.signIn')}</button>
      </form>
      {error && (
        <p role="alert" className="message message--error">
          {error}
        </p>
      )}
    </main>
  );
}
