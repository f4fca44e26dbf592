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
import {
  EVENTS_PATH,
  liveFeed,
  type InboxSource,
  type LiveFeed,
  type RequestSource,
} from './feed.js';
import { LOG_SHOWN } from './delivery-log.js';
import { ApiError } from '../http/api-error.js';
import type { InboxRecord } from '../inbox/inbox.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type { RequestJournal } from '../requests/request-journal.js';
import { openapiRoutes } from './openapi-routes.js';
import { renderPage } from './render.js';

/** One tenant as the web UI shows it. */
export interface WebTenant {
  id: string;
  isDefault: boolean;
  store: ObservedStore;
}

export interface WebDeps {
  /** The default tenant's store. */
  store: ObservedStore;
  /** The tenants `?tenant=` may name (tenants/scope.ts); the default tenant alone when absent. */
  tenants?: { resolve(name: string | undefined): WebTenant; all(): WebTenant[] };
  /** The request journal, shown per tenant. */
  requests?: RequestJournal;
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

/** What the inbox received that belongs on `view`'s page: its own, and the default page also
 * shows what no tenant's webhook signed. */
function inboxOf(inbox: InboxSource, view: WebTenant): InboxSource {
  const mine = (record: InboxRecord) =>
    record.Tenant === view.id || (view.isDefault && record.Tenant === null);
  return {
    list: (name, options) => {
      const shown = inbox.list(name).filter(mine);
      return options?.limit === undefined ? shown : shown.slice(0, options.limit);
    },
    subscribe: (listener) => inbox.subscribe((record) => mine(record) && listener(record)),
    // Drops are counted over all inboxes: a dropped record no longer says whose it was.
    totals: () => inbox.totals(),
  };
}

function requestsOf(journal: RequestJournal, tenant: string): RequestSource {
  return {
    recent: () => journal.entries((e) => e.tenant === tenant, LOG_SHOWN).reverse(),
    subscribe: (listener) =>
      journal.subscribe((exchange, id) => {
        if (exchange.tenant === tenant) listener(() => journal.entryOf(exchange, id));
      }),
  };
}

export function webUi(deps: WebDeps): WebUi {
  const scope = deps.tenants ?? {
    resolve: () => ({ id: deps.store.contextIdentifier(), isDefault: true, store: deps.store }),
    all: () => [{ id: deps.store.contextIdentifier(), isDefault: true, store: deps.store }],
  };
  const limits = deps.limits ?? DEFAULT_LIMITS;
  // One feed per tenant shown, made when a page first asks for it.
  const feeds = new Map<string, LiveFeed>();
  const feedOf = (view: WebTenant): LiveFeed => {
    let feed = feeds.get(view.id);
    if (!feed) {
      const inbox = deps.inbox && inboxOf(deps.inbox, view);
      const requests = deps.requests && requestsOf(deps.requests, view.id);
      feed = liveFeed(view.store, inbox, limits, requests);
      feeds.set(view.id, feed);
    }
    return feed;
  };
  const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  let closed = false;
  return {
    routes(app) {
      assetRoutes(app);
      openapiRoutes(app, deps.publicOrigin);
      app.get(EVENTS_PATH, (c) => {
        if (closed) return c.text('The server is shutting down.', 503);
        const feed = feedOf(scope.resolve(c.req.query('tenant')));
        // The bound holds over every tenant's feed together.
        let open = 0;
        for (const each of feeds.values()) open += each.clientCount();
        if (open >= limits.maxStreamClients) {
          throw new ApiError(
            'QUEUE_FULL',
            `${limits.maxStreamClients} live-feed clients are connected already; close one.`,
          );
        }
        return feed.serve(c);
      });
      app.get('/', async (c) => {
        const view = scope.resolve(c.req.query('tenant'));
        const fixtures = await fixtureNames(deps.fixturesDir ?? FIXTURES_DIR, deps.fixture);
        const page = Dashboard({
          webhooks: view.store.list(),
          deliveries: view.store.deliveries(),
          inbox: deps.inbox ? inboxOf(deps.inbox, view).list(undefined, { limit: LOG_SHOWN }) : [],
          inboxDropped: deps.inbox?.totals().dropped ?? 0,
          requests: deps.requests ? requestsOf(deps.requests, view.id).recent() : undefined,
          credentials: defaultCredentials(deps.store.users()),
          auth: deps.auth,
          fixtures,
          currentFixture: deps.fixture,
          tenant: view.isDefault ? undefined : view.id,
          tenants: scope.all().map((t) => t.id),
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
    close() {
      for (const feed of feeds.values()) feed.close();
      closed = true;
    },
  };
}
