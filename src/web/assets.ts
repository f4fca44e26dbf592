// Static files of the web UI under /__ui/: our stylesheet and scripts (held in modules, so the
// built package carries them) and Swagger UI's bundle. The build copies that bundle into
// dist/swagger-ui/ (scripts/copy-swagger-ui.mjs), so the package needs no swagger-ui-dist at
// run time (and installs no telemetry postinstall with it); a source checkout reads it from
// the swagger-ui-dist dev dependency. Nothing is fetched from a CDN: both pages work offline.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { Env } from '../http/env.js';
import { BUILT, PACKAGE_ROOT } from '../paths.js';
import { DASHBOARD_JS } from './dashboard-script.js';
import { DOCS_JS } from './docs-script.js';
import { APP_CSS } from './styles.js';

export const ASSET_PREFIX = '/__ui';

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3b6cf6"/><stop offset="1" stop-color="#22b3a6"/></linearGradient></defs><rect width="32" height="32" rx="7" fill="url(#g)"/><path d="M9 20a7 7 0 0 1 14 0" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/><circle cx="16" cy="20" r="2.5" fill="#fff"/></svg>`;

const OWN = new Map<string, { type: string; body: string }>([
  ['app.css', { type: CSS, body: APP_CSS }],
  ['dashboard.js', { type: JS, body: DASHBOARD_JS }],
  ['docs.js', { type: JS, body: DOCS_JS }],
  ['favicon.svg', { type: 'image/svg+xml', body: FAVICON }],
]);

/** The Swagger UI files the docs page loads; nothing else of the package is served. */
const SWAGGER_FILES = new Map<string, string>([
  ['swagger-ui.css', CSS],
  ['swagger-ui-bundle.js', JS],
]);

let swaggerDir: string | undefined;
const swaggerCache = new Map<string, Promise<Buffer>>();

/** The build's copy when running from dist/; else the dev dependency, wherever npm put it. */
function swaggerUiDir(): string {
  swaggerDir ??= BUILT
    ? join(PACKAGE_ROOT, 'dist', 'swagger-ui')
    : dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return swaggerDir;
}

function swaggerFile(name: string): Promise<Buffer> {
  let file = swaggerCache.get(name);
  if (!file) {
    file = readFile(join(swaggerUiDir(), name));
    file.catch(() => swaggerCache.delete(name));
    swaggerCache.set(name, file);
  }
  return file;
}

export function assetRoutes(app: Hono<Env>): void {
  app.get(`${ASSET_PREFIX}/swagger/:file`, async (c) => {
    const name = c.req.param('file');
    const type = SWAGGER_FILES.get(name);
    if (!type) return c.text('Not found', 404);
    const body = await swaggerFile(name);
    return c.body(new Uint8Array(body), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
  app.get(`${ASSET_PREFIX}/:file`, (c) => {
    const asset = OWN.get(c.req.param('file'));
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });
}
