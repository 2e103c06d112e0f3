// The orders feature's public entry: the stored orders, the pull from the marketplace, and its calls.
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { OrderStore } from './order-store';
export { OrderUpdates } from './order-updates';
export { ordersHandlers } from './orders-handlers';
export { OrderPuller } from './pull';
export { PullStore } from './pull-store';
