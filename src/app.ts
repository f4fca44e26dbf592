// createApp(deps): middleware, routes and the one error path. Nothing here reads the
// environment, the disk or the clock directly; all of it is injected.
import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getPath } from 'hono/utils/url';
import type { Deliveries } from './delivery/deliveries.js';
import { DomainError } from './domain/errors.js';
import type { UserRecord } from './domain/user.js';
import { ApiError, errorBody } from './http/api-error.js';
import { cachedAuthenticator, WWW_AUTHENTICATE } from './http/auth.js';
import { chaos, type ChaosOptions } from './http/chaos.js';
import { cors, type CorsPolicy } from './http/cors.js';
import type { Contract, Problem } from './http/contract.js';
import { toApiError } from './http/domain-error.js';
import type { Env } from './http/env.js';
import type { Handlers, Reply } from './http/operation.js';
import { bindOperations } from './http/operation-table.js';
import { toHandler } from './http/pipeline.js';
import { modelOf, representation, type Negotiation } from './http/representation/response.js';
import { KeyedLock } from './service/keyed-lock.js';
import type { Limits } from './platform/limits.js';
import { agentRoutes } from './routes/agents-webhook.js';
import { restRoutes } from './routes/webhook.js';
import { webhookSchema } from './routes/webhook-schema.js';
import { WebhookViews } from './routes/webhook-views.js';
import type { RouteDeps } from './routes/deps.js';
import type { TargetRules } from './service/deps.js';
import { TENANT_ROUTE } from './tenants/tenant-id.js';
import type { StateStore } from './store/state-store.js';
import { systemClock, type Clock } from './platform/clock.js';

export interface Logger {
  error(message: string, detail?: unknown): void;
}

export interface ResponseCheck {
  operationId: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface AppDeps {
  contract: Contract;
  store: StateStore;
  deliveries: Deliveries;
  clock?: Pick<Clock, 'now'>;
  logger?: Logger;
  auth?: 'on' | 'none';
  limits: Limits;
  targets?: TargetRules;
  /** Global latency and the sleep used for it and `Prefer: delay=` (tests inject one). */
  chaos?: ChaosOptions;
  /** Which browser origins may call the API routes; default none (config's: loopback). */
  cors?: CorsPolicy;
  /** scheme://host[:port] for `_Links`; the request's own origin when absent (tests). */
  publicOrigin?: () => string;
  /** Runs before everything else, on every route (the Host policy). */
  guard?: MiddlewareHandler;
  /** Extra routes mounted before the API (the admin API, the dashboard). */
  extensions?: Array<(app: Hono<Env>) => void>;
  /** Records every API call (src/requests/journal-middleware.ts). */
  journal?: MiddlewareHandler<Env>;
  /** Sees every API response; tests validate each against the spec here. */
  onResponse?: (check: ResponseCheck) => void;
}

export type { Env } from './http/env.js';

/** Every operation of the spec and the handler that serves it (checked again at start-up). */
const HANDLERS: Handlers<RouteDeps> = { ...restRoutes, ...agentRoutes };

/** What the answer's representation depends on (media-types.ts). */
const negotiation = (c: Context<Env>): Negotiation => ({
  accept: c.req.header('accept'),
  contentType: c.req.header('content-type'),
  operationId: c.get('operationId'),
});

function send(c: Context<Env>, reply: Reply): Response {
  const headers = reply.headers ?? {};
  if (reply.status === 204 || reply.body === undefined) {
    return new Response(null, { status: reply.status, headers });
  }
  return representation(reply.status, reply.body, headers, negotiation(c));
}

function errorResponse(error: ApiError, c?: Context<Env>): Response {
  const body = errorBody(error.type, error.message, error.source);
  const request = c ? negotiation(c) : { accept: undefined, contentType: undefined };
  return representation(error.status, body, error.headers, {
    ...request,
    operationId: undefined,
  });
}

/** The 401 of a request without valid credentials (spec/README.md C3). */
export function credentialsRequired(): ApiError {
  return new ApiError(
    'UNAUTHORIZED',
    'Authorization failed; valid Basic, SOTicket or Bearer credentials are required.',
    { 'WWW-Authenticate': WWW_AUTHENTICATE },
  );
}

type Authenticate = ReturnType<typeof cachedAuthenticator>;

/** Sets the request's user, or throws 401 (spec/README.md C3). */
function authorize(deps: AppDeps, authenticate: Authenticate, c: Context<Env>): void {
  const users = deps.store.users();
  if (deps.auth === 'none') {
    c.set('user', users[0]);
    return;
  }
  const user = authenticate(c.req.header('authorization'), users);
  if (!user) throw credentialsRequired();
  c.set('user', user);
}

function checkResponses(onResponse: NonNullable<AppDeps['onResponse']>) {
  return async (c: Context<Env>, next: () => Promise<void>) => {
    await next();
    const operationId = c.get('operationId');
    if (!operationId) return;
    const text = await c.res.clone().text();
    // XML answers are checked through the model they were written from.
    const model = modelOf(c.res);
    onResponse({
      operationId,
      status: c.res.status,
      headers: Object.fromEntries(c.res.headers),
      body: text === '' ? undefined : model !== undefined ? model : (JSON.parse(text) as unknown),
    });
  };
}

/** Each form of a stored webhook is checked once, as it is produced, against the Agent
 * getter's answer schema: the mock's own safety net, no longer paid on every read. */
function webhookViews(deps: AppDeps): WebhookViews {
  // Compiled with the first answer, not at start-up.
  let check: ((body: unknown) => Problem[]) | undefined;
  return new WebhookViews({
    check(entity) {
      check ??= deps.contract.responseBodyCheck('getWebhookAgent', 200, 'application/json');
      const problems = check(entity);
      return problems.length > 0 ? problems.map((p) => p.message).join('; ') : undefined;
    },
    report: (problem) => deps.logger?.error(problem),
  });
}

export function createApp(deps: AppDeps): Hono<Env> {
  // Paths are case-insensitive like the real (ASP.NET) server's; handlers read parameter
  // values from the raw path, so only the matching ignores case.
  const app = new Hono<Env>({ getPath: (request) => getPath(request).toLowerCase() });
  const routeDeps: RouteDeps & { contract: Contract; limits: Limits } = {
    store: deps.store,
    contract: deps.contract,
    clock: deps.clock ?? systemClock,
    deliveries: deps.deliveries,
    locks: new KeyedLock<number>(),
    targets: deps.targets ?? { strict: false, verify: true },
    limits: deps.limits,
    webhookSchema: webhookSchema(deps.contract),
    views: webhookViews(deps),
    ...(deps.publicOrigin ? { publicOrigin: deps.publicOrigin } : {}),
  };
  const authenticate = cachedAuthenticator();
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(error, c);
    if (error instanceof DomainError) return errorResponse(toApiError(error), c);
    // The id is in the log line and on the answer, so a client's report finds its log entry.
    const requestId = randomUUID();
    deps.logger?.error(`${c.req.method} ${c.req.path} failed (request ${requestId})`, error);
    const internal = new ApiError('INTERNAL', 'An unexpected error occurred.', {
      'X-Request-Id': requestId,
    });
    return errorResponse(internal, c);
  });
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    // Under /api every answer needs credentials, so an unknown path does not reveal itself.
    if (path.toLowerCase().startsWith('/api/')) authorize(deps, authenticate, c);
    return errorResponse(new ApiError('NOT_FOUND', `No operation at ${c.req.method} ${path}`), c);
  });
  if (deps.guard) app.use('*', deps.guard);
  // Next, so that preflights, 401s and every other refusal of a served Host are journaled too.
  if (deps.journal) app.use('/api/*', deps.journal);
  if (deps.cors) {
    // Before the routes: a preflight is answered without credentials; with `off` the
    // middleware only refuses writes from other origins' pages.
    app.use('/api/*', cors(deps.cors));
    app.use(`${TENANT_ROUTE}/api/*`, cors(deps.cors));
  }
  for (const extend of deps.extensions ?? []) extend(app);
  if (deps.onResponse) app.use('/api/*', checkResponses(deps.onResponse));
  const delayOrFault = chaos(deps.chaos ?? {});
  // Throws (start-up fails) unless every spec operation has exactly one route.
  bindOperations(deps.contract, HANDLERS, (def) => {
    const handler = toHandler(def, routeDeps, (c) => c.get('user') as UserRecord | undefined);
    // Auth runs inside the route, once the operation is known, so that 401s are checked
    // against the operation's documented responses like every other answer.
    app.on(def.method, def.path.toLowerCase(), async (c) => {
      c.set('operationId', def.id);
      authorize(deps, authenticate, c);
      const broken = await delayOrFault(c);
      return broken ?? send(c, await handler(c));
    });
  });
  return app;
}
