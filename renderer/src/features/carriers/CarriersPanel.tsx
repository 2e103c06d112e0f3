import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/contract';
import type { DeliveryOptionDefault } from '../../../../shared/contract/carriers';
import { callStation } from '../../station/bridge';
import { useStationQuery } from '../../station/hooks';
import { useAction } from '../../station/use-action';

type Providers = CallOutput<'carriers.providers'>['providers'];

const optionLabel = (option: DeliveryOptionDefault) => option.deliveryOptionName ?? option.deliveryOptionId;

/** Picks a default from TikTok Shop's providers for one delivery option (the list is fetched when it opens). */
function DefaultEditor({
  option,
  onDone,
}: {
  option: DeliveryOptionDefault;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('carriers');
  const providers = useStationQuery('carriers.providers', {
    shopId: option.shopId,
    deliveryOptionId: option.deliveryOptionId,
  });
  const [chosen, setChosen] = useState(option.default?.provider.id ?? '');
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const save = (provider: Providers[number] | null) =>
    run(async () => {
      await callStation('carriers.defaults.set', {
        shopId: option.shopId,
        deliveryOptionId: option.deliveryOptionId,
        ...(option.deliveryOptionName ? { deliveryOptionName: option.deliveryOptionName } : {}),
        provider: provider && { id: provider.id, name: provider.name },
      });
      onDone(
        provider
          ? t('saved', { option: optionLabel(option), carrier: provider.name })
          : t('removed', { option: optionLabel(option) }),
      );
    });
  const list = providers.data?.providers;
  const selected = list?.find((provider) => provider.id === chosen) ?? null;
  return (
    <div className="inline-form">
      {!list && !providers.error && <span role="status">{t('loading')}</span>}
      {(error ?? providers.error) && (
        <span role="alert" className="message message--error">
          {error ?? providers.error}
        </span>
      )}
      {list && (
        <select
          aria-label={t('provider', { option: optionLabel(option) })}
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">{t('pick')}</option>
          {list.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.carrier ? provider.name : `${provider.name} (${t('noRule')})`}
            </option>
          ))}
        </select>
      )}
      <button type="button" disabled={!selected} onClick={() => save(selected)}>
        {t('save')}
      </button>
      {option.default && (
        <button type="button" onClick={() => save(null)}>
          {t('remove')}
        </button>
      )}
      <button type="button" onClick={() => onDone(null)}>
        {t('cancel')}
      </button>
    </div>
  );
}

/** Settings, Carriers: the warehouse's default carrier for each delivery option of its seller-shipped orders. */
export function CarriersPanel({ supervisor }: { supervisor: boolean }) {
  const { t } = useTranslation('carriers');
  const defaults = useStationQuery('carriers.defaults.list', {}, ['pull.status']);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const options = defaults.data?.options;
  return (
    <section className="carriers-panel" data-testid="carriers-panel" aria-labelledby="carriers-title">
      <h2 id="carriers-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      {!supervisor && <p className="message message--warn">{t('supervisorOnly')}</p>}
      {message && <p role="status">{message}</p>}
      {defaults.error && <p role="alert">{defaults.error}</p>}
      {options?.length === 0 && <p>{t('none')}</p>}
      {options && options.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('shop')}</th>
              <th scope="col">{t('option')}</th>
              <th scope="col">{t('openOrders')}</th>
              <th scope="col">{t('default')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {options.map((option) => {
              const key = `${option.shopId}/${option.deliveryOptionId}`;
              return (
                <tr key={key} data-option={option.deliveryOptionId}>
                  <td translate="no">{option.shopId}</td>
                  <th scope="row" translate="no">
                    {optionLabel(option)}
                  </th>
                  <td>{option.openOrders}</td>
                  <td>
                    {option.default ? (
                      <>
                        <strong translate="no">{option.default.provider.name}</strong>
                        {option.default.setBy && <> ({t('setBy', { name: option.default.setBy })})</>}
                      </>
                    ) : (
                      t('noDefault')
                    )}
                  </td>
                  <td>
                    {supervisor &&
                      (editing === key ? (
                        <DefaultEditor
                          option={option}
                          onDone={(done) => {
                            setEditing(null);
                            if (done) setMessage(done);
                            defaults.reload();
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          aria-label={`${t('choose')}: ${optionLabel(option)}`}
                          onClick={() => setEditing(key)}
                        >
                          {t('choose')}
                        </button>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
