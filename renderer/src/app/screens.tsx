import type { ComponentType } from 'react';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { OrdersScreen } from '../features/orders/OrdersScreen';
import { PackScreen } from '../features/pack/PackScreen';
import { PickupsScreen } from '../features/pickups/PickupsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';

export interface ScreenDef {
  id: string;
  /** Key in the app namespace. */
  label: string;
  /** Function key that opens the screen, so a packer never needs the mouse. */
  hotkey: string;
  component: ComponentType;
}

/** The screens of the app shell, in menu order. */
export const screens: readonly ScreenDef[] = [
  { id: 'pack', label: 'nav.pack', hotkey: 'F1', component: PackScreen },
  { id: 'orders', label: 'nav.orders', hotkey: 'F2', component: OrdersScreen },
  { id: 'pickups', label: 'nav.pickups', hotkey: 'F3', component: PickupsScreen },
  { id: 'dashboard', label: 'nav.dashboard', hotkey: 'F4', component: DashboardScreen },
  { id: 'settings', label: 'nav.settings', hotkey: 'F5', component: SettingsScreen },
];
