import { errorStrings } from './error-strings';
import type { Strings } from './locales';
import { appStrings } from '../app/strings';
import { auditStrings } from '../features/audit/strings';
import { cameraStrings } from '../features/camera/strings';
import { carriersStrings } from '../features/carriers/strings';
import { dashboardStrings } from '../features/dashboard/strings';
import { ordersStrings } from '../features/orders/strings';
import { packStrings } from '../features/pack/strings';
import { pickupsStrings } from '../features/pickups/strings';
import { printingStrings } from '../features/printing/strings';
import { scaleStrings } from '../features/scale/strings';
import { settingsStrings } from '../features/settings/strings';
import { usersStrings } from '../features/users/strings';

/** Every namespace of the UI's text: one per feature, each with every locale. */
export const namespaces = {
  app: appStrings,
  audit: auditStrings,
  dashboard: dashboardStrings,
  errors: errorStrings,
  camera: cameraStrings,
  carriers: carriersStrings,
  orders: ordersStrings,
  pack: packStrings,
  pickups: pickupsStrings,
  printing: printingStrings,
  scale: scaleStrings,
  settings: settingsStrings,
  users: usersStrings,
} satisfies Record<string, Strings>;
