// The request journal over HTTP: `GET /__admin/requests` lists the API calls the mock
// answered, newest first, filtered by method, path, tenant, status and since; `DELETE` empties
// it. A control-plane route like the rest of /__admin (web/control-plane.ts guards it).
import type { Hono } from 'hono';
import type { Env } from '../http/env.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type { TenantScope } from '../tenants/scope.js';
import type { RequestJournal } from './request-journal.js';
import { exchangeTest, type RequestMatch } from './request-match.js';

export const REQUESTS_PATH = '/__admin/requests';

export function requestRoutes(journal: RequestJournal, tenants: TenantScope) {
  return (app: Hono<Env>) => {
    app.get(REQUESTS_PATH, (c) => {
      const q = c.req.query();
      // A tenant the mock does not serve is a 404, as on every admin route.
      const tenant = q.tenant === undefined ? undefined : tenants.resolve(q.tenant).id;
      const match: RequestMatch = {
        ...(q.method === undefined ? {} : { method: q.method }),
        ...(q.path === undefined ? {} : { path: q.path }),
        ...(tenant === undefined ? {} : { tenant }),
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.since === undefined ? {} : { since: q.since }),
      };
      const limit = Math.min(Number(q.limit ?? 100) || 100, DEFAULT_LIMITS.adminListMax);
      return c.json(journal.entries(exchangeTest(match), limit).reverse());
    });
    app.delete(REQUESTS_PATH, (c) => {
      journal.clear();
      return c.body(null, 204);
    });
  };
}
