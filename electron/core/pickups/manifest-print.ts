import type { Manifest, Pickup } from '../../../shared/contract/pickups';

const LABELS = {
  en: {
    title: 'Handover manifest',
    carrier: 'Carrier',
    pickup: 'Pickup',
    confirmation: 'Confirmation no.',
    window: 'Window',
    station: 'Station',
    printed: 'Printed',
    parcels: 'Parcels handed over',
    tracking: 'Tracking number',
    order: 'Order',
    pkg: 'Package',
    scanned: 'Scanned',
    expected: 'Expected',
    missing: 'Missing (stays at the warehouse)',
    foreign: 'Scanned but not on this manifest',
    driver: 'Driver name',
    signature: 'Driver signature',
    packer: 'Handed over by',
    time: 'Date and time',
  },
  'zh-CN': {
    title: '交接清单',
    carrier: '承运商',
    pickup: '揽收单',
    confirmation: '确认号',
    window: '时间段',
    station: '工作站',
    printed: '打印时间',
    parcels: '已交接包裹',
    tracking: '运单号',
    order: '订单',
    pkg: '包裹',
    scanned: '已扫描',
    expected: '应交接',
    missing: '缺少（留在仓库）',
    foreign: '已扫描但不在本清单中',
    driver: '司机姓名',
    signature: '司机签名',
    packer: '交接人',
    time: '日期和时间',
  },
} as const;

export type PrintLocale = keyof typeof LABELS;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The manifest as an A4 page the driver signs: parcels handed over, what is missing, what did not belong. */
export function manifestHtml(
  manifest: Manifest,
  pickup: Pickup,
  context: { stationId: string; locale: PrintLocale; now: number; formatTime: (ms: number) => string },
): string {
  const t = LABELS[context.locale];
  const handed = manifest.expected.filter((p) => p.scanned);
  const window = pickup.slot
    ? `${context.formatTime(pickup.slot.start)} – ${context.formatTime(pickup.slot.end)}`
    : pickup.readyAt !== null && pickup.closeAt !== null
      ? `${context.formatTime(pickup.readyAt)} – ${context.formatTime(pickup.closeAt)}`
      : '—';
  const rows = handed
    .map(
      (p, i) =>
        `<tr><td>${i + 1}</td><td class="mono">${escape(p.trackingNumber ?? '—')}</td><td class="mono">${escape(p.orderId)}</td><td class="mono">${escape(p.packageId)}</td></tr>`,
    )
    .join('');
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((item) => `<li class="mono">${escape(item)}</li>`).join('')}</ul>` : '<p>—</p>';
  return `<!doctype html>
<html lang="${context.locale}"><head><meta charset="utf-8"><title>${t.title} #${manifest.id}</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans", "Noto Sans SC", Arial, sans-serif; font-size: 11pt; color: #000; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; }
.mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
.meta td { border: none; padding: 0.5mm 2mm 0.5mm 0; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; margin-top: 12mm; }
.sign div { border-top: 1px solid #000; padding-top: 1mm; min-height: 12mm; }
</style></head>
<body>
<h1>${t.title} #${manifest.id}</h1>
<table class="meta">
<tr><td>${t.carrier}</td><td><strong>${escape(pickup.carrier)}</strong></td><td>${t.pickup}</td><td>#${pickup.id}</td></tr>
<tr><td>${t.confirmation}</td><td>${escape(pickup.confirmationNumber ?? '—')}</td><td>${t.window}</td><td>${escape(window)}</td></tr>
<tr><td>${t.station}</td><td>${escape(context.stationId)}</td><td>${t.printed}</td><td>${escape(context.formatTime(context.now))}</td></tr>
<tr><td>${t.scanned}</td><td><strong>${manifest.scannedCount}</strong></td><td>${t.expected}</td><td>${manifest.expectedCount}</td></tr>
</table>
<h2>${t.parcels}</h2>
<table><thead><tr><th>#</th><th>${t.tracking}</th><th>${t.order}</th><th>${t.pkg}</th></tr></thead><tbody>${rows}</tbody></table>
<h2>${t.missing}</h2>${list(manifest.missing.map((p) => `${p.trackingNumber ?? p.packageId} (${p.orderId})`))}
<h2>${t.foreign}</h2>${list(manifest.foreign.map((s) => s.code))}
<div class="sign"><div>${t.driver}: ${escape(manifest.driverName ?? '')}</div><div>${t.signature}</div><div>${t.packer}</div><div>${t.time}</div></div>
</body></html>`;
}
