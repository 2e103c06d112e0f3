import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackLine } from '../../../../shared/domain/scan/verification';
import { Dialog } from './Dialog';

export type SupervisorTask =
  | { kind: 'override'; orderId: string }
  | { kind: 'link'; code: string; lines: PackLine[] }
  | { kind: 'release'; orderId: string };

export interface SupervisorAnswer {
  pin: string;
  /** The override's reason or the release's note. */
  text: string;
  lineKey: string;
}

/** A supervisor signs an action at the packer's desk by typing their PIN there and then; nothing is remembered. */
export function SupervisorDialog({
  task,
  error,
  onConfirm,
  onClose,
}: {
  task: SupervisorTask;
  error: string | null;
  onConfirm: (answer: SupervisorAnswer) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('pack');
  const [pin, setPin] = useState('');
  const [text, setText] = useState('');
  const [lineKey, setLineKey] = useState(task.kind === 'link' ? (task.lines[0]?.key ?? '') : '');
  const title =
    task.kind === 'override'
      ? t('supervisor.overrideTitle', { orderId: task.orderId })
      : task.kind === 'link'
        ? t('supervisor.linkTitle', { code: task.code })
        : t('supervisor.releaseTitle', { orderId: task.orderId });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm({ pin, text, lineKey });
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="pack-supervisor-form">
        {task.kind === 'link' && (
          <label className="pack-field">
            {t('supervisor.line')}
            <select value={lineKey} onChange={(event) => setLineKey(event.target.value)}>
              {task.lines.map((line) => (
                <option key={line.key} value={line.key}>
                  {line.productName} ({line.sellerSku || line.skuId})
                </option>
              ))}
            </select>
          </label>
        )}
        {task.kind !== 'link' && (
          <label className="pack-field">
            {task.kind === 'override' ? t('supervisor.reason') : t('supervisor.note')}
            <input value={text} maxLength={500} autoFocus onChange={(event) => setText(event.target.value)} />
          </label>
        )}
        <label className="pack-field">
          {t('supervisor.pin')}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            autoFocus={task.kind === 'link'}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="message message--error">
            {error}
          </p>
        )}
        <button type="submit">{t('supervisor.confirm')}</button>
      </form>
    </Dialog>
  );
}
