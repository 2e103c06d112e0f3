import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingEntry } from '../../../../shared/contract';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { AuditScreen } from '../audit/AuditScreen';
import { CarriersPanel } from '../carriers/CarriersPanel';
import { LanPanel } from '../dashboard/LanPanel';
import { UsersPanel } from '../users/UsersPanel';
import { PrintingSection } from '../printing/PrintingSection';
import { ScaleSettings } from '../scale/ScaleSettings';

function SettingRow({
  entry,
  editable,
  onSaved,
}: {
  entry: SettingEntry;
  editable: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation('settings');
  const [value, setValue] = useState(String(entry.value ?? ''));
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const save = () =>
    run(async () => {
      await callStation('settings.update', {
        key: entry.key,
        value: typeof entry.value === 'number' ? Number(value) : value,
      });
      onSaved(t('saved', { key: entry.key }));
    });
  const locked = entry.source === 'env' || !editable;
  return (
    <tr>
      <th scope="row">
        {t(`label.${entry.key}`, { defaultValue: '' })} <code translate="no">{entry.key}</code>
      </th>
      <td>
        {entry.choices ? (
          <select
            aria-label={entry.key}
            value={value}
            disabled={locked}
            onChange={(event) => setValue(event.target.value)}
          >
            {entry.choices.map((choice) => (
              <option key={choice} value={choice}>
                {t(`choice.${entry.key}.${choice}`, { defaultValue: choice })}
              </option>
            ))}
          </select>
        ) : (
          <input
            aria-label={entry.key}
            type={entry.secret ? 'password' : 'text'}
            value={value}
            disabled={locked}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        {error && <span className="message message--error">{error}</span>}
      </td>
      <td>
        {t(`source.${entry.source}`)}
        {entry.env && entry.source === 'env' && (
          <>
            {' '}
            <code translate="no">{entry.env}</code>
          </>
        )}
      </td>
      <td>
        <button type="button" disabled={locked} onClick={save}>
          {t('save')}
        </button>
      </td>
    </tr>
  );
}

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const settings = useStationQuery('settings.list', {}, ['settings.changed']);
  const [message, setMessage] = useState<string | null>(null);
  const status = useStationQuery('station.status', {}, ['station.status']);
  const supervisor = status.data?.user?.role === 'supervisor';
  const [auditOpen, setAuditOpen] = useState(false);
  if (auditOpen) return <AuditScreen onBack={() => setAuditOpen(false)} />;
  return (
    <section className="screen">
      <h1>{t('title')}</h1>
      <LanguageSwitch editable={supervisor} />
      {supervisor ? (
        <button type="button" onClick={() => setAuditOpen(true)}>
          {t('audit')}
        </button>
      ) : (
        <p className="message message--warn">{t('supervisorOnly')}</p>
      )}
      {message && <p role="status">{message}</p>}
      {settings.error && <p role="alert">{settings.error}</p>}
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t('key')}</th>
            <th>{t('value')}</th>
            <th>{t('source')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {settings.data?.map((entry) => (
            <SettingRow
              key={`${entry.key}:${String(entry.value)}`}
              entry={entry}
              editable={supervisor}
              onSaved={setMessage}
            />
          ))}
        </tbody>
      </table>
      {supervisor && <UsersPanel />}
      {supervisor && <LanPanel />}
      <CarriersPanel supervisor={supervisor} />
      <PrintingSection />
      <ScaleSettings />
    </section>
  );
}
