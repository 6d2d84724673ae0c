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

export default defineConfig({
  plugins: [react(), localRuntimeConfig()],
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
