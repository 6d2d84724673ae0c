/**
 * The e2e suite's embedding hosts: the example portal (allowed in the local config.json) on
 * 127.0.0.1:5190, and a foreign site (not allowed) on 127.0.0.1:5191 serving the pages in
 * e2e/support/foreign-host/. Started by playwright.config.ts.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startExamplePortal } from '../../examples/portal/serve-portal.ts';
import { embeddingPorts } from '../../local-stack/local-constants.ts';
import { watchOwner } from '../../local-stack/process/owner-watch.ts';

const foreignDir = fileURLToPath(new URL('./foreign-host/', import.meta.url));

function startForeignHost(port: number): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    const name = basename(new URL(req.url ?? '/', 'http://x').pathname);
    readFile(`${foreignDir}${name}`).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
      },
    );
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve(() => new Promise<void>((done) => server.close(() => done()))),
    ),
  );
}

const portal = await startExamplePortal();
const closeForeign = await startForeignHost(embeddingPorts.foreignHost);
console.log(
  `Example portal ${portal.url}; foreign host http://127.0.0.1:${embeddingPorts.foreignHost}/`,
);
const stop = () => void Promise.all([portal.close(), closeForeign()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// A killed Playwright sends no signal: notice it, and free the ports.
watchOwner({
  onGone: (reason) => {
    console.error(`The embedding hosts are stopping: ${reason}.`);
    stop();
  },
});
