import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingEntry } from '../../../../shared/contract';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';
import { keyFor } from '../../i18n/keys';
import { settingsStrings } from './strings';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { AuditScreen } from '../audit/AuditScreen';
import { CarriersPanel } from '../carriers/CarriersPanel';
import { LanPanel } from '../dashboard/LanPanel';
import { UsersPanel } from '../users/UsersPanel';
import { PrintingSection } from '../printing/PrintingSection';
import { ScaleSettings } from '../scale/ScaleSettings';

/**
 * The choices of an enumerated setting, each with its words in the catalogue, or null: a setting whose values have
 * no words yet keeps its text field, so no screen shows a raw value as if it were a sentence.
 */
function namedChoices(entry: SettingEntry) {
  const named = (entry.choices ?? []).map((value) => ({
    value,
    key: keyFor(settingsStrings.en, `choice.${entry.key}.`, value),
  }));
  return named.length > 0 && named.every((choice) => choice.key)
    ? named.map(({ value, key }) => ({ value, key: key! }))
    : null;
}

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
  const choices = namedChoices(entry);
  return (
    <tr>
      <th scope="row">
        {t(`label.${entry.key}`, { defaultValue: '' })} <code translate="no">{entry.key}</code>
      </th>
      <td>
        {choices ? (
          <select
            aria-label={entry.key}
            value={value}
            disabled={locked}
            onChange={(event) => setValue(event.target.value)}
          >
            {choices.map(({ value: choice, key }) => (
              <option key={choice} value={choice}>
                {t(key)}
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
