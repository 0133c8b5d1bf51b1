import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:web` writes the collector workspace (docs/web-ui.md). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Relance</title>
<body style="font-family:system-ui;margin:3rem;max-width:40rem">
<h1>Relance</h1><p>The web UI is not built yet. Run <code>npm run build:web</code>
(or <code>npm start</code>, which builds it when needed), then reload this page.</p>
<p>The API is up: <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * Serves the built web UI (web/dist) as static files, and index.html for every other GET
 * outside /api so that the single-page app's own addresses (/customers/C000001) load on
 * refresh. Unknown /api routes answer 404 in the API's error shape.
 */
export function addWebUi(app: FastifyInstance, root: string = WEB_DIST): void {
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    void app.register(fastifyStatic, {
      root,
      // One route per file found now (the build happens before the server starts), so
      // that every other path reaches the not-found handler below.
      wildcard: false,
      index: 'index.html',
      // Vite names assets by content hash: they never change under the same name.
      setHeaders(reply, path) {
        void reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (!isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      if (built) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    const message = `no route ${request.method} ${path}`;
    return reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message,
        issues: [{ field: 'url', value: path, expected: 'a route of /api/openapi.json' }],
        problems: [{ field: 'url', value: path, expected: 'a route of /api/openapi.json' }],
      },
    });
  });
}
