import { core } from './0001-core';
import { marketplaceCatalogue } from './0002-marketplace-catalogue';
import { outboxPickupsPhotos } from './0003-outbox-pickups-photos';
import { dashboardIndexes } from './0004-dashboard-indexes';
import { pack } from './0005-pack';
import { marketplaceCursors } from './0006-marketplace-cursors';
import { printing } from './0007-printing';
import { dashboardFeatureIndexes } from './0008-dashboard-feature-indexes';
import { dashboardDrillIndexes } from './0009-dashboard-drill-indexes';
import { throughputIndexes } from './0010-throughput-indexes';
import { bucketGroupIndexes } from './0011-bucket-group-indexes';
import { pullResilience } from './0012-pull-resilience';
import { shipments } from './0013-shipments';
import { carriers } from './0014-carriers';
import { pinLookup } from './0015-pin-lookup';
import { parcelWeights } from './0016-parcel-weights';
import { splitParcels } from './0017-split-parcels';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Applied in order at start; a migration never changes once it has shipped: add a new one instead. */
export const migrations: readonly Migration[] = [
  core,
  marketplaceCatalogue,
  outboxPickupsPhotos,
  dashboardIndexes,
  pack,
  marketplaceCursors,
  printing,
  dashboardFeatureIndexes,
  dashboardDrillIndexes,
  throughputIndexes,
  bucketGroupIndexes,
  pullResilience,
  shipments,
  carriers,
  pinLookup,
  parcelWeights,
  splitParcels,
];

for (const [index, migration] of migrations.entries()) {
  if (migration.version !== index + 1) throw new Error(`migration ${migration.name} must be number ${index + 1}`);
}
