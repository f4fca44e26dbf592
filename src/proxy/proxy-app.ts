// The proxy's routes: the API forwarded (default tenant and `/Cust…/api`), the receiver for
// deliveries (`POST /__inbox/<name>`), its own page and admin routes. The same CORS policy as
// the mock on the API and the same control-plane policy (Host, cross-site writes, credentials
// off loopback) everywhere else, from the mock's own modules.
import { Hono, type Context } from 'hono';
import { getPath } from 'hono/utils/url';
import { ApiError, errorBody } from '../http/api-error.js';
import { cors, type CorsPolicy } from '../http/cors.js';
import type { Env } from '../http/env.js';
import { TENANT_ROUTE } from '../tenants/tenant-id.js';
import { controlPlane, type ControlPlaneOptions } from '../web/control-plane.js';
import { hostPolicy } from '../web/host-policy.js';
import { relayDelivery, type DeliveryRelayDeps } from './delivery-relay.js';
import { assetRoutes } from '../web/assets.js';
import { LiveEvents } from './live-events.js';
import { PROXY_PAGE } from './page.js';
import { relayExchange, type RelayDeps } from './relay.js';
import { renderReport, type ReporterName } from './report.js';
import type { VerdictLog } from './verdict-log.js';

export interface ProxyAppDeps extends RelayDeps, DeliveryRelayDeps {
  log: VerdictLog;
  cors: CorsPolicy;
  /** Host names answered besides IP literals and localhost (the mock's Host policy). */
  allowedHosts: readonly string[];
  controlPlane: ControlPlaneOptions;
  startedAt: Date;
  upstreamLabel: string | null;
}

const REPORTERS: readonly ReporterName[] = ['console', 'json', 'junit'];

/** The body, refused past `max` bytes however it is framed. */
async function readBounded(request: Request, max: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > max)
      throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${max} bytes.`);
    chunks.push(chunk as Uint8Array);
  }
  return Buffer.concat(chunks);
}

function errorAnswer(error: ApiError): Response {
  return Response.json(errorBody(error.type, error.message, error.source), {
    status: error.status,
    headers: error.headers,
  });
}

/** What the proxy has judged so far: totals and every broken rule. */
function summaryOf(deps: ProxyAppDeps) {
  const counts = [...deps.log.operations().entries()];
  const deliveries = counts.find(([op]) => op === 'webhookEvent')?.[1].exchanges ?? 0;
  return {
    upstream: deps.upstreamLabel,
    startedAt: deps.startedAt.toISOString(),
    summary: {
      exchanges: counts.reduce((sum, [, n]) => sum + n.exchanges, 0) - deliveries,
      deliveries,
      violations: deps.log.violationCount,
    },
    broken: deps.log.broken(),
  };
}

function state(deps: ProxyAppDeps, c: Context) {
  const after = Number(c.req.query('after') ?? 0);
  return { ...summaryOf(deps), entries: deps.log.entries(Number.isFinite(after) ? after : 0) };
}

export function createProxyApp(deps: ProxyAppDeps): Hono<Env> {
  // Matched without regard to case like the mock's routes; the relay forwards the raw path.
  const app = new Hono<Env>({ getPath: (request) => getPath(request).toLowerCase() });
  app.onError((error) => {
    if (error instanceof ApiError) return errorAnswer(error);
    return errorAnswer(new ApiError('INTERNAL', `The proxy failed: ${(error as Error).message}`));
  });
  // The mock's own policies, in the mock's order: the Host first on every route, then CORS
  // (which with `off` still refuses writes from other origins' pages).
  app.use('*', hostPolicy(deps.allowedHosts));
  app.use('/api/*', cors(deps.cors));
  app.use(`${TENANT_ROUTE}/api/*`, cors(deps.cors));
  controlPlane(deps.controlPlane)(app);
  assetRoutes(app);
  app.get('/', (c) => c.html(PROXY_PAGE));
  app.get('/__admin/proxy', (c) => c.json(state(deps, c)));
  const live = new LiveEvents({ log: deps.log, summary: () => summaryOf(deps) });
  app.get('/__admin/proxy/events', (c) => live.serve(c));
  app.get('/__admin/proxy/report', (c) => {
    const format = (c.req.query('format') ?? 'json') as ReporterName;
    if (!REPORTERS.includes(format)) {
      throw new ApiError('BAD_REQUEST', `format must be one of ${REPORTERS.join(', ')}`);
    }
    const text = renderReport(deps.log, format, {
      upstream: deps.upstreamLabel ?? 'replay',
      startedAt: deps.startedAt.toISOString(),
      durationMs: Date.now() - deps.startedAt.getTime(),
    });
    const type = { json: 'application/json', junit: 'application/xml', console: 'text/plain' }[
      format
    ];
    return c.body(text, 200, { 'content-type': `${type}; charset=utf-8` });
  });
  app.post('/__inbox/*', async (c) =>
    relayDelivery(deps, c, await readBounded(c.req.raw, deps.limits.maxBodyBytes)),
  );
  const api = async (c: Context) =>
    relayExchange(deps, c, await readBounded(c.req.raw, deps.limits.maxBodyBytes));
  app.all('/api/*', api);
  app.all(`${TENANT_ROUTE}/api/*`, api);
  app.notFound((c) =>
    errorAnswer(
      new ApiError('NOT_FOUND', `No route at ${c.req.method} ${new URL(c.req.url).pathname}`),
    ),
  );
  return app;
}
