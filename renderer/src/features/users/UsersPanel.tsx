import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/contract';
import type { UserEntry } from '../../../../shared/contract/users';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';

function PinChange({ user }: { user: UserEntry }) {
  const { t } = useTranslation('users');
  const [pin, setPin] = useState('');
  const { outcome, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      await callStation('users.setPin', { id: user.id, pin });
      setPin('');
      return t('pinChanged', { name: user.name });
    });
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <input
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        aria-label={`${t('newPin')} ${user.name}`}
        placeholder={t('newPin')}
        value={pin}
        onChange={(event) => setPin(event.target.value)}
      />
      <button type="submit">{t('changePin')}</button>
      {outcome && (
        <span role={outcome.ok ? 'status' : 'alert'} className={`message message--${outcome.ok ? 'ok' : 'error'}`}>
          {outcome.text}
        </span>
      )}
    </form>
  );
}

/** Supervisors add packers, change PINs and deactivate people who left; every change lands in the audit log. */
export function UsersPanel() {
  const { t } = useTranslation('users');
  const users = useStationQuery('users.list', {}, ['users.changed']);
  const [draft, setDraft] = useState<{ name: string; role: Role; pin: string }>({ name: '', role: 'packer', pin: '' });
  const action = useAction();
  const run = (change: () => Promise<unknown>, done: string) =>
    action.run(async () => {
      await change();
      return done;
    });
  const message = action.outcome?.ok ? action.outcome.text : null;
  const error = action.outcome && !action.outcome.ok ? action.outcome.text : null;
  const add = (event: FormEvent) => {
    event.preventDefault();
    run(
      async () => {
        await callStation('users.create', draft);
        setDraft({ name: '', role: 'packer', pin: '' });
      },
      t('added', { name: draft.name }),
    );
  };
  return (
    <section className="users-panel" data-testid="users-panel">
      <h2>{t('title')}</h2>
      {message && <p role="status">{message}</p>}
      {(error ?? users.error) && <p role="alert">{error ?? users.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <tr key={user.id} className={user.active ? undefined : 'muted'}>
              <th scope="row" translate="no">
                {user.name}
              </th>
              <td>{t(`role.${user.role}`)}</td>
              <td>{user.active ? t('active') : t('inactive')}</td>
              <td className="actions">
                <button
                  type="button"
                  onClick={() =>
                    run(
                      () => callStation('users.update', { id: user.id, active: !user.active }),
                      t('updated', { name: user.name }),
                    )
                  }
                >
                  {user.active ? t('deactivate') : t('reactivate')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    run(
                      () =>
                        callStation('users.update', {
                          id: user.id,
                          role: user.role === 'packer' ? 'supervisor' : 'packer',
                        }),
                      t('updated', { name: user.name }),
                    )
                  }
                >
                  {user.role === 'packer' ? t('makeSupervisor') : t('makePacker')}
                </button>
                {user.active && <PinChange user={user} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="inline-form">
        <input
          aria-label={t('name')}
          placeholder={t('name')}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
        <select
          aria-label={t('role')}
          value={draft.role}
          onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}
        >
          <option value="packer">{t('role.packer')}</option>
          <option value="supervisor">{t('role.supervisor')}</option>
        </select>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          aria-label={t('pin')}
          placeholder={t('pinHint')}
          value={draft.pin}
          onChange={(event) => setDraft({ ...draft, pin: event.target.value })}
        />
        <button type="submit">{t('add')}</button>
      </form>
    </section>
  );
}
