// The station core's features and the arrows between them, declared once. eslint.config.mjs turns this table into
// import rules, test/unit/architecture checks the rules and the tables' owners, and ARCHITECTURE.md shows it.
//
// A feature is a folder of electron/core. Other code reaches it only through its public entry, `index.ts` (import
// '../orders', never '../orders/order-store'), and only a feature that names it in `uses` may. `owns` lists the
// tables only that feature's code writes.

/** Every file of these may be imported from anywhere in the core: database, event bus, settings, dispatch, domain errors. */
export const platform = ['db', 'events', 'config', 'contract', 'errors'];

/**
 * The files that wire the features together: they may import every feature's entry. station/services.ts is the one
 * station file features import (the type each feature picks its services from).
 */
export const roots = ['station', 'cli', 'ports', 'contract/handlers.ts'];
export const sharedRootFiles = ['station/services'];

/** @type {Record<string, { uses: string[]; owns: string[]; entries?: string[] }>} */
export const features = {
  audit: { uses: [], owns: ['audit_log'] },
  auth: { uses: ['audit'], owns: ['users'] },
  carriers: { uses: ['marketplace', 'orders'], owns: ['carrier_defaults'] },
  dashboard: { uses: [], owns: [] },
  fulfillment: {
    uses: ['audit', 'carriers', 'marketplace', 'orders', 'outbox', 'pack', 'pickups', 'printing', 'sync'],
    owns: ['shipments', 'split_parcels'],
  },
  'hub-link': { uses: ['orders', 'outbox', 'sync'], owns: [] },
  images: { uses: [], owns: [] },
  marketplace: {
    uses: [],
    owns: [],
    // The connection boundary: it starts the embedded sandbox for the station and the hub.
    entries: ['index', 'station-connection'],
  },
  orders: {
    uses: ['marketplace'],
    owns: [
      'orders',
      'order_lines',
      'packages',
      'sku_barcodes',
      'catalogue_products',
      'catalogue_retries',
      'first_pull_walks',
      'marketplace_cursors',
      'marketplace_pulls',
      'unreadable_orders',
    ],
  },
  outbox: { uses: [], owns: ['outbox', 'outbox_attempts'] },
  pack: {
    uses: ['carriers', 'hub-link', 'orders'],
    owns: ['pack_sessions', 'scan_events', 'pack_holds', 'pack_overrides', 'pack_serials'],
  },
  photos: { uses: [], owns: ['photos', 'photo_misses'] },
  pickups: {
    uses: ['marketplace', 'orders', 'outbox'],
    owns: ['pickups', 'pickup_parcels', 'manifests', 'manifest_scans'],
  },
  printing: { uses: ['orders', 'scale'], owns: ['print_jobs', 'print_batches', 'tracking_ranges', 'virtual_prints'] },
  scale: { uses: ['audit'], owns: ['parcel_weights'] },
  server: { uses: ['images'], owns: ['station_keys'] },
  sync: { uses: ['audit', 'marketplace', 'outbox'], owns: [] },
};
