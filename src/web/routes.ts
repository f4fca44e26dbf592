// The web UI as one extension of the app: the dashboard at `/`, the API reference at `/docs`,
// the published spec, the live feed and the static assets. server.ts mounts it and closes it.
import type { Hono } from 'hono';
import type { Env } from '../http/env.js';
import { fixtureNamesIn } from '../fixture-loader/fixtures.js';
import type { Limits } from '../platform/limits.js';
import { FIXTURES_DIR } from '../paths.js';
import type { ObservedStore } from '../store/observed-store.js';
import { assetRoutes } from './assets.js';
import { defaultCredentials } from './credentials.js';
import { Dashboard } from './dashboard.js';
import { DocsPage } from './docs-page.js';
import { liveFeed, type InboxSource } from './feed.js';
import { openapiRoutes } from './openapi-routes.js';
import { renderPage } from './render.js';

export interface WebDeps {
  store: ObservedStore;
  /** The built-in inbox, shown live on the dashboard. */
  inbox?: InboxSource;
  auth: 'on' | 'none';
  /** The fixture the server started from; the reset form offers it first. */
  fixture: string;
  fixturesDir?: string;
  /** Live-feed bounds (src/platform/limits.ts); the defaults when absent. */
  limits?: Pick<Limits, 'maxStreamClients' | 'streamClientBacklog'>;
  /** The origin the served spec names as its server; the request's own when absent (tests). */
  publicOrigin?: () => string;
}

export interface WebUi {
  routes(app: Hono<Env>): void;
  /** Ends the live streams; call before closing the HTTP server, or it waits for them. */
  close(): void;
}

/**
 * Fixture names the reset form offers: fixtures/*.json but the schema, plus the one in use
 * (alone when there is no fixtures folder, an unusual install).
 */
export async function fixtureNames(dir: string, current: string): Promise<string[]> {
  return [...new Set([current, ...(await fixtureNamesIn(dir))])];
}

export function webUi(deps: WebDeps): WebUi {
  const feed = liveFeed(deps.store, deps.inbox, deps.limits);
  const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  return {
    routes(app) {
      assetRoutes(app);
      openapiRoutes(app, deps.publicOrigin);
      feed.routes(app);
      app.get('/', async (c) => {
        const fixtures = await fixtureNames(deps.fixturesDir ?? FIXTURES_DIR, deps.fixture);
        const page = Dashboard({
          webhooks: deps.store.list(),
          deliveries: deps.store.deliveries(),
          inbox: deps.inbox?.list() ?? [],
          credentials: defaultCredentials(deps.store.users()),
          auth: deps.auth,
          fixtures,
          currentFixture: deps.fixture,
        });
        return c.body(renderPage(page), 200, html);
      });
      app.get('/docs', (c) => {
        const page = DocsPage({
          credentials: defaultCredentials(deps.store.users()),
          auth: deps.auth,
        });
        return c.body(renderPage(page), 200, html);
      });
    },
    close: () => feed.close(),
  };
}
