import { lazy, type ComponentType } from 'react';
import { PackScreen } from '../features/pack/PackScreen';

export interface ScreenDef {
  id: 'pack' | 'orders' | 'pickups' | 'dashboard' | 'settings';
  /** Its name in the menu: a key of the app namespace. */
  label: `nav.${ScreenDef['id']}`;
  /** Function key that opens the screen, so a packer never needs the mouse. */
  hotkey: string;
  component: ComponentType;
}

// The pack screen is the one a desk opens on, so it ships in the first script; the others (the dashboard's charts
// above all) load when first opened, and the pack screen takes scans sooner after a cold start.
const OrdersScreen = lazy(() => import('../features/orders/OrdersScreen').then((m) => ({ default: m.OrdersScreen })));
const PickupsScreen = lazy(() =>
  import('../features/pickups/PickupsScreen').then((m) => ({ default: m.PickupsScreen })),
);
export const DashboardScreen = lazy(() =>
  import('../features/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })),
);
const SettingsScreen = lazy(() =>
  import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);

/** The screens of the app shell, in menu order. */
export const screens: readonly ScreenDef[] = [
  { id: 'pack', label: 'nav.pack', hotkey: 'F1', component: PackScreen },
  { id: 'orders', label: 'nav.orders', hotkey: 'F2', component: OrdersScreen },
  { id: 'pickups', label: 'nav.pickups', hotkey: 'F3', component: PickupsScreen },
  { id: 'dashboard', label: 'nav.dashboard', hotkey: 'F4', component: DashboardScreen },
  { id: 'settings', label: 'nav.settings', hotkey: 'F5', component: SettingsScreen },
];
