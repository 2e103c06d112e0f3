// Builds the three runnable pieces: the renderer (Vite), the Electron main + preload, and the plain-Node station
// server. npm packages stay external so native modules load from node_modules (or app.asar.unpacked).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

await vite({ configFile: 'vite.config.mts', logLevel: 'warn' });
await Promise.all([
  esbuild({
    ...common,
    entryPoints: { main: 'electron/shell/main.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    packages: 'external',
  }),
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  esbuild({
    ...common,
    entryPoints: { preload: 'electron/shell/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
  esbuild({
    ...common,
    entryPoints: { serve: 'electron/core/cli/serve.ts' },
    outdir: 'dist/station',
    outExtension: { '.js': '.cjs' },
    packages: 'external',
  }),
  // The label-drawing worker threads start from their own file, found beside the bundle that runs the station (in
  // the desktop app too: its core is a utilityProcess of dist/station/serve.cjs).
  esbuild({
    ...common,
    entryPoints: { 'label-worker': 'electron/core/printing/label-worker.ts' },
    outdir: 'dist/station',
    outExtension: { '.js': '.cjs' },
    packages: 'external',
  }),
]);
console.log('built dist/renderer, dist/electron, dist/station');
