import { createHash } from 'node:crypto';

/**
 * The supervisor's page over every desk, also fit for a wall screen: plain HTML and one inline script, no assets. It
 * holds no data and no secret: it reads the hub token from the address's fragment (never sent to the server, e.g.
 * http://hub:4800/dashboard#token=...) and calls the dashboard API with it, every 15 seconds.
 */
const SCRIPT = `
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
const el = (tag, text, attrs) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); Object.assign(e, attrs || {}); return e; };
const get = async (path) => {
  const r = await fetch(path, { headers: { authorization: 'Bearer ' + token } });
  if (!r.ok) throw new Error(r.status === 401 ? 'The hub refused the token: open this page as /dashboard#token=<hub token>.' : 'The hub answered ' + r.status);
  return r.json();
};
const table = (head, rows) => {
  const t = el('table'); const tr = el('tr'); head.forEach((h) => tr.append(el('th', h))); t.append(tr);
  rows.forEach((row) => { const r = el('tr'); row.forEach((c) => r.append(c instanceof Node ? el('td').appendChild(c).parentNode : el('td', c))); t.append(r); });
  return t;
};
const time = (ms) => ms === null ? '' : new Date(ms).toLocaleString();
const labels = { overdue: 'Overdue', atRisk: 'At risk', later: 'Later', noDeadline: 'No deadline', held: 'On hold' };
async function drill(bucket) {
  const out = document.getElementById('drill');
  out.replaceChildren(el('h2', labels[bucket] + ': most urgent first'));
  const { orders } = await get('/api/v1/dashboard/orders?bucket=' + bucket + '&limit=200');
  out.append(table(['Order', 'Pack by', 'Open at desk'], orders.map((o) => [o.orderId, time(o.packBy), o.leasedBy || ''])));
}
async function refresh() {
  const status = document.getElementById('status');
  try {
    const d = await get('/api/v1/dashboard');
    const board = document.getElementById('board');
    const buckets = Object.keys(labels).map((b) => [el('a', labels[b], { href: '#token=' + encodeURIComponent(token), onclick: (e) => { e.preventDefault(); drill(b); } }), d.buckets[b]]);
    board.replaceChildren(
      el('h2', 'To pack'), table(['Bucket', 'Orders'], [...buckets, ['Open at a desk now', d.buckets.leased]]),
      el('h2', 'Packed in the last 24 hours, per desk'), table(['Desk', 'Orders'], d.throughput.byDesk.map((r) => [r.deskId, r.packed])),
      el('h2', 'Per packer'), table(['Packer', 'Desk', 'Orders'], d.throughput.byPacker.map((r) => [r.packer, r.deskId, r.packed])),
      el('h2', 'Desks'), table(['Desk', 'Last seen', 'Orders held'], d.desks.map((r) => [r.deskId, time(r.lastSeenAt), r.holding])),
      el('h2', 'Writes to TikTok'), table(['Waiting', 'Refused', 'Oldest waiting since'], [[d.backlog.pending, d.backlog.failed, time(d.backlog.oldestPendingAt)]]),
    );
    status.textContent = 'Updated ' + time(d.at);
  } catch (error) {
    status.textContent = error.message;
  }
}
refresh();
setInterval(refresh, 15000);
`;

const DASHBOARD_SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Packbench warehouse</title>
<style>body{font:16px system-ui,sans-serif;margin:1.5rem;background:#111;color:#eee}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #444;padding:.3rem .8rem;text-align:left}a{color:#8cf}#status{color:#aaa}</style></head>
<body><h1>Packbench warehouse</h1><p id="status">Loading...</p><div id="board"></div><div id="drill"></div>
<script>${SCRIPT}</script></body></html>`;

/** Only the page's own script runs, and it talks to this hub alone. */
export const DASHBOARD_CSP = `default-src 'none'; script-src '${DASHBOARD_SCRIPT_HASH}'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'`;
