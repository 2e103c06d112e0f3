import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanVerdict } from '../../../../shared/contract/pickups';
import { callStation } from '../../station/bridge';
import { useAction } from '../../station/use-action';
import { useStationQuery } from '../../station/hooks';
import { CameraCapture } from '../camera/CameraCapture';

/** Prints HTML from the station in a hidden frame, so the driver gets a paper copy without leaving the app. */
function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

/** The handover: scan every parcel going on the truck, see what is missing or foreign, close with a photo. */
export function ManifestView({ manifestId, onBack }: { manifestId: number; onBack: () => void }) {
  const { t } = useTranslation('pickups');
  const manifest = useStationQuery('manifest.get', { manifestId }, ['pickups.changed', 'photos.saved']);
  const [code, setCode] = useState('');
  const [last, setLast] = useState<{ verdict: ScanVerdict; code: string } | null>(null);
  const [reason, setReason] = useState('');
  const { outcome, run } = useAction();
  const error = outcome && !outcome.ok ? outcome.text : null;
  const input = useRef<HTMLInputElement>(null);
  const m = manifest.data;

  const scan = () => {
    const value = code.trim();
    setCode('');
    if (!value) return;
    run(async () => {
      try {
        const result = await callStation('manifest.scan', { manifestId, code: value });
        setLast({ verdict: result.verdict, code: value });
        manifest.reload();
      } finally {
        input.current?.focus();
      }
    });
  };
  const close = () =>
    run(async () => {
      await callStation('manifest.close', { manifestId, ...(reason.trim() ? { noPhotoReason: reason.trim() } : {}) });
      manifest.reload();
    });
  const print = () =>
    run(async () => {
      printHtml((await callStation('manifest.print', { manifestId })).html);
    });

  if (!m) return <p>{manifest.error ?? '…'}</p>;
  const open = m.state === 'open';
  return (
    <section className="manifest" data-testid="manifest">
      <h2>{t('manifest', { id: m.id, carrier: m.carrier })}</h2>
      <p className="manifest__count" data-testid="manifest-count">
        {t('scanned')} <strong>{m.scannedCount}</strong> / {t('expected')} <strong>{m.expectedCount}</strong>
      </p>
      {open && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            scan();
          }}
        >
          <label>
            {t('scanPrompt')}
            <input
              ref={input}
              aria-label={t('scanField')}
              value={code}
              autoFocus
              autoComplete="off"
              onChange={(event) => setCode(event.target.value)}
            />
          </label>
        </form>
      )}
      {last && (
        <p
          role="status"
          data-testid="manifest-verdict"
          className={`message message--${last.verdict === 'expected' ? 'ok' : last.verdict === 'duplicate' ? 'warn' : 'error'}`}
        >
          {t(`verdict.${last.verdict}`, { code: last.code })}
        </p>
      )}
      {!open && (
        <p className="message message--ok">{t('closed', { scanned: m.scannedCount, expected: m.expectedCount })}</p>
      )}
      {error && (
        <p role="alert" className="message message--error">
          {error}
        </p>
      )}
      <div className="manifest__lists">
        <div>
          <h3>{t('expected')}</h3>
          <ul data-testid="manifest-expected">
            {m.expected.map((p) => (
              <li key={p.packageId} className={p.scanned ? 'message--ok' : undefined}>
                {p.scanned ? '✓' : '○'} {p.trackingNumber ?? p.packageId} · {p.orderId}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('missing')}</h3>
          <ul data-testid="manifest-missing">
            {m.missing.map((p) => (
              <li key={p.packageId} className="message--warn">
                {p.trackingNumber ?? p.packageId} · {p.orderId}
              </li>
            ))}
          </ul>
          <h3>{t('foreign')}</h3>
          <ul data-testid="manifest-foreign">
            {m.foreign.map((s) => (
              <li key={s.id} className="message--error">
                {s.code}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {open && (
        <div className="manifest__close">
          <h3>{t('handoverPhoto')}</h3>
          <CameraCapture purpose="handover" manifestId={manifestId} onSaved={() => manifest.reload()} />
          {m.photoIds.length === 0 && (
            <label>
              {t('noPhotoReason')} <input value={reason} onChange={(event) => setReason(event.target.value)} />
            </label>
          )}
          <button type="button" className="primary" onClick={close}>
            {t('close')}
          </button>
        </div>
      )}
      <p>
        <button type="button" onClick={print}>
          {t('print')}
        </button>{' '}
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
      </p>
    </section>
  );
}
