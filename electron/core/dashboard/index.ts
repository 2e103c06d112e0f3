// The dashboard feature's public entry: its calls (it reads the other features' tables and writes none).
// Other features import only from here, and only those that declare this one (electron/core/features.mjs).
export { dashboardHandlers } from './dashboard-handlers';
