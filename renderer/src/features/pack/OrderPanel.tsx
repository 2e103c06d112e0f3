import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackView } from '../../../../shared/contract/pack';
import { HTTP_IMAGES } from '../../../../shared/contract/transport';
import { lineVerified, type PackLine, type Verification } from '../../../../shared/domain/scan/verification';
import { formatTime } from './format-time';

const NO_SERIALS: readonly string[] = [];

/** A product barcode (GTIN) the line scans as: its match keys keep GTINs under 'G:' (see parseScan). */
function lineBarcodes(line: PackLine): string[] {
  return line.keys.filter((key) => key.startsWith('G:')).map((key) => key.slice(2));
}

/** Up to two letters or digits from the seller SKU (or the name), so lines without a picture still look apart. */
function initials(line: PackLine): string {
  const words = (line.sellerSku || line.productName).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length > 1
    ? `${[...words[0]!][0]}${[...words[1]!][0]}`.toUpperCase()
    : [...(words[0] ?? '?')].slice(0, 2).join('').toUpperCase();
}

function LineImage({ line }: { line: PackLine }) {
  const [failed, setFailed] = useState(false);
  if (!line.imageUrl || failed) {
    return (
      <div className="pack-line__image pack-line__image--none" aria-hidden="true">
        {initials(line)}
      </div>
    );
  }
  // From the station, which fetched and keeps it: the page may load pictures from its own origin only.
  return (
    <img
      className="pack-line__image"
      src={`${HTTP_IMAGES}?url=${encodeURIComponent(line.imageUrl)}`}
      alt=""
      onError={() => setFailed(true)}
    />
  );
}

const LineRow = memo(function LineRow({
  line,
  count,
  serials,
  done,
  last,
}: {
  line: PackLine;
  count: number;
  serials: readonly string[];
  done: boolean;
  last: boolean;
}) {
  const { t } = useTranslation('pack');
  const state = done ? 'done' : count > 0 ? 'partial' : 'todo';
  return (
    <tr
      role="row"
      className={`pack-line pack-line--${state}${last ? ' pack-line--last' : ''}`}
      data-testid={`pack-line-${line.key}`}
      data-state={state}
    >
      <td role="cell">
        <LineImage line={line} />
      </td>
      <td role="cell">
        <div className="pack-line__name">
          {line.productName}
          {line.isGift && <span className="pack-badge pack-badge--gift">{t('order.gift')}</span>}
          {line.parcel !== null && (
            <span className="pack-badge pack-badge--parcel" data-testid="pack-line-parcel">
              {t('line.parcel', { parcel: line.parcel })}
            </span>
          )}
        </div>
        <div className="pack-line__meta">
          {line.skuName && <span className="pack-line__variant">{line.skuName}</span>}
          <span className="pack-line__sku" translate="no">
            {t('line.sku')} {line.sellerSku || line.skuId}
          </span>
          {lineBarcodes(line).map((code) => (
            <span key={code} className="pack-line__barcode" translate="no" data-testid="pack-line-barcode">
              {code}
            </span>
          ))}
        </div>
        {line.bulk && <div className="pack-line__hint">{t('line.bulk')}</div>}
        {serials.length > 0 && (
          <div className="pack-line__hint">{t('line.serials', { serials: serials.join(', ') })}</div>
        )}
      </td>
      <td role="cell" className="pack-line__qty">
        {line.quantity}
      </td>
      <td role="cell" className="pack-line__progress" data-testid="pack-line-progress">
        {t('line.progressValue', { count, quantity: line.quantity })}
        <progress max={line.quantity} value={count} />
      </td>
    </tr>
  );
});

const Lines = memo(function Lines({ verification }: { verification: Verification }) {
  const { t } = useTranslation('pack');
  const { progress } = verification;
  const lastKey = progress.steps[progress.steps.length - 1]?.lineKey;
  return (
    <table className="pack-lines" role="table">
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" />
          <th role="columnheader">{t('line.product')}</th>
          <th role="columnheader">{t('line.quantity')}</th>
          <th role="columnheader">{t('line.progress')}</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {verification.lines.map((line) => (
          <LineRow
            key={line.key}
            line={line}
            count={progress.counts[line.key] ?? 0}
            serials={progress.serials[line.key] ?? NO_SERIALS}
            done={lineVerified(verification, line)}
            last={line.key === lastKey}
          />
        ))}
      </tbody>
    </table>
  );
});

/** The order on the bench: its lines and progress, and what the buyer asked for, where it cannot be missed. */
export function OrderPanel({ view }: { view: PackView }) {
  const { t, i18n } = useTranslation('pack');
  const { order } = view;
  const hasGift = view.verification.lines.some((line) => line.isGift);
  const packBy = order.packBy ? formatTime(i18n.language, order.packBy) : null;
  return (
    <section className="pack-order" data-testid="pack-order" data-order-id={order.id} data-state={view.state}>
      <header className="pack-order__header">
        <h2>{t('order.title', { id: order.id })}</h2>
        <span>
          {[order.carrier, t(`service.${order.service}`), order.deliveryOptionName].filter(Boolean).join(' · ')}
        </span>
        {packBy && <span>{t('order.packBy', { time: packBy })}</span>}
        {order.isCod && <span className="pack-badge pack-badge--cod">{t('order.cod')}</span>}
      </header>
      {order.buyerMessage.trim() && (
        <div className="pack-note pack-note--message" data-testid="pack-buyer-message">
          <strong>{t('order.buyerMessage')}:</strong> {order.buyerMessage}
        </div>
      )}
      {hasGift && <div className="pack-note pack-note--gift">{t('order.giftNote')}</div>}
      <Lines verification={view.verification} />
    </section>
  );
}
