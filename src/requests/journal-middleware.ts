// Records each API call in the request journal once it is answered: references only (the
// body text the pipeline read, what the answer was written from), so a request pays for a
// few property reads, not for serialising its bodies.
import type { MiddlewareHandler } from 'hono';
import { isRecord } from '../domain/is-record.js';
import { bodyTextOf } from '../http/body.js';
import type { Env } from '../http/env.js';
import { sentBodyOf } from '../http/representation/response.js';
import type { RequestJournal } from './request-journal.js';

/** `/Cust12345` when a tenant's request was forwarded (tenants/routes.ts), else ''. */
function basePathOf(env: unknown): string {
  return isRecord(env) && typeof env.basePath === 'string' ? env.basePath : '';
}

export function journalRequests(
  journal: RequestJournal,
  tenant: () => string,
  now: () => number,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const request = c.req.raw;
    const response = c.res;
    const status = response.status;
    journal.record({
      at: now(),
      tenant: tenant(),
      method: c.req.method,
      url: c.req.url,
      basePath: basePathOf(c.env),
      status,
      durationMs: performance.now() - started,
      operationId: c.get('operationId'),
      problem: status >= 400 && c.error ? c.error.message : undefined,
      requestHeaders: () => request.headers,
      requestBody: bodyTextOf(request),
      responseHeaders: () => response.headers,
      responseBody: sentBodyOf(response),
    });
  };
}
