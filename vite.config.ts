import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vite';
import { localConsoleConfig } from './local-stack/console-config.ts';
import { ports } from './local-stack/local-constants.ts';

/**
 * With QUARRY_CONFIG=local (set by `npm start` and the e2e setup) the dev and preview servers
 * answer /config.json with the local stack's configuration; the production build ships
 * public/config.json untouched, so one build serves any tenant.
 */
function localRuntimeConfig(): Plugin {
  const serve: Connect.NextHandleFunction = (req, res, next) => {
    if (process.env.QUARRY_CONFIG !== 'local' || req.url?.split('?')[0] !== '/config.json') {
      return next();
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(JSON.stringify(localConsoleConfig(), null, 2));
  };
  return {
    name: 'quarry-local-runtime-config',
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}

/**
 * AG Grid draws new rows and cells in animation-frame tasks of up to 60 ms each (a constant in
 * its AnimationFrameService), so every scroll that brings a page of new rows into view made
 * main-thread tasks of 60–190 ms (with the layout after them; `bench/profile-load.ts
 * --operations`). With 12 ms of row work per frame, the rows fill in over a few more frames
 * and the page keeps answering. There is no grid option for it, hence this build-time edit; it
 * fails the build when AG Grid's code no longer has the line, rather than silently lapsing.
 * (The dev server pre-bundles AG Grid without plugins and keeps 60 ms.)
 */
const AG_GRID_FRAME_MS = 12;
function agGridFrameBudget(): Plugin {
  const original = 'this.executeFrame.bind(this, 60)';
  return {
    name: 'quarry-ag-grid-frame-budget',
    apply: 'build',
    transform(code, id) {
      if (!/ag-grid-community[\\/]dist[\\/]package[\\/]main\.esm\.mjs/.test(id)) return null;
      if (!code.includes(original))
        this.error(
          `AG Grid's frame budget (${original}) was not found in ${id}: update agGridFrameBudget`,
        );
      return {
        code: code.replace(original, `this.executeFrame.bind(this, ${AG_GRID_FRAME_MS})`),
        map: null,
      };
    },
  };
}

export default defineConfig({
  plugins: [react(), localRuntimeConfig(), agGridFrameBudget()],
  server: { port: ports.console, strictPort: true, host: 'localhost' },
  preview: { port: 4173, strictPort: true, host: 'localhost' },
  worker: { format: 'es' },
  // The KQL worker's dependency is only discovered when the editor starts; optimising it up front
  // saves a newcomer's first `npm start` visit a full page reload.
  optimizeDeps: { include: ['@kusto/monaco-kusto/release/esm/kusto.worker'] },
  build: {
    sourcemap: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        redirect: resolve(import.meta.dirname, 'redirect.html'),
        popupRelay: resolve(import.meta.dirname, 'popup-relay.html'),
      },
    },
  },
});
