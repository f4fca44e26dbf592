// Turns an OperationDef into a Hono handler: Prefer mocks (mock-reply.ts), content negotiation,
// body reading, binding and the contract check happen here, once, for every operation alike.
import type { Context } from 'hono';
import { isRecord } from '../domain/is-record.js';
import { ApiError } from './api-error.js';
import { bindQueryValue, bindToSchema } from './binding.js';
import { mediaTypeOf } from './body.js';
import type { Contract, Problem } from './contract.js';
import type { BoundRequest, OperationDef, OperationId, Reply } from './operation.js';
import { mockReply } from './mock-reply.js';
import { negotiate, RESPONSE_TYPES } from './representation/media-types.js';
import { readModelBody } from './representation/request-body.js';
import type { UserRecord } from '../domain/user.js';

export interface PipelineDeps {
  contract: Contract;
  limits: { maxBodyBytes: number; maxJsonDepth: number };
  /** The configured public origin for `_Links`; never taken from the request's Host. */
  publicOrigin?: () => string;
}

/** Media types whose bodies bind to the JSON model: `text/json` is the older alias the pages
 * list; XML and form bodies are read into the same model first (C23, C24). */
const JSON_ALIASES: Record<string, string> = {
  'text/json': 'application/json',
  'application/xml': 'application/json',
  'text/xml': 'application/json',
  'application/x-www-form-urlencoded': 'application/json',
};

/** `/Cust12345` when a tenant's request was forwarded (tenants/routes.ts), else ''. */
function basePathOf(c: Context): string {
  const env: unknown = c.env;
  return isRecord(env) && typeof env.basePath === 'string' ? env.basePath : '';
}

/** Path parameters from the raw path, keeping their case (routing itself ignores case). */
function rawParams(template: string, rawPath: string): Record<string, string> {
  const names = template.split('/');
  const values = rawPath.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    try {
      params[segment.slice(1)] = decodeURIComponent(values[i] ?? '');
    } catch {
      throw new ApiError(
        'BAD_REQUEST',
        `Path segment '${values[i]}' is not valid percent-encoding.`,
      );
    }
  });
  return params;
}

/** Query parameters under the spec's names, values bound like body members (C11). */
function canonicalQuery(
  url: URL,
  names: readonly string[],
  schemaOf: (name: string) => unknown,
): Record<string, string> {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    const name = byLower.get(key.toLowerCase());
    if (name !== undefined && !(name in query)) query[name] = bindQueryValue(value, schemaOf(name));
  }
  return query;
}

async function readBody(c: Context, id: OperationId, deps: PipelineDeps) {
  const accepted = deps.contract.requestMediaTypes(id);
  if (accepted.length === 0) return { body: undefined, mediaType: undefined };
  const declared = mediaTypeOf(c.req.header('content-type'));
  if (declared !== undefined && !accepted.includes(declared)) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type ${declared} is not supported here; use ${accepted.join(', ')}.`,
    );
  }
  const schema = declared && deps.contract.requestSchema(id, declared);
  const parsed = await readModelBody(c.req.raw, declared, schema, deps.limits);
  if (parsed !== undefined && declared === undefined) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The request has a body but no Content-Type header; send it with one of: ${accepted.join(', ')}.`,
    );
  }
  const mediaType = declared === undefined ? undefined : (JSON_ALIASES[declared] ?? declared);
  return { body: schema ? bindToSchema(parsed, schema) : parsed, mediaType };
}

/** The declared headers the request carries, and the media type its body was bound as. */
function declaredHeaders(
  c: Context,
  names: readonly string[],
  mediaType: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  if (mediaType) headers['content-type'] = mediaType;
  return headers;
}

/** The documented 400 text for a request without its body (docs/sources.md §1a R5, PUT). */
export const MISSING_BODY = 'Bad request. Entity to save is not in request body.';

/** A contract problem as the client reads it; with no body, a body problem is its absence. */
const problemText = (problem: Problem, body: unknown): string =>
  body === undefined && problem.location === 'body' ? MISSING_BODY : problem.message;

export function toHandler<Id extends OperationId, D>(
  def: OperationDef<Id, D>,
  deps: PipelineDeps & D,
  user: (c: Context) => UserRecord | undefined,
) {
  const queryNames = deps.contract.queryParameters(def.id);
  // Only the headers the operation declares are checked; reading every header would build
  // a Headers object per request.
  const headerNames = deps.contract.headerParameters(def.id);
  // Only operations that answer a body negotiate it: the spec documents 406 for exactly those
  // (C12), and a 204 has no representation to refuse.
  const negotiates = deps.contract.operation(def.id).statuses.includes(406);
  return async (c: Context): Promise<Reply> => {
    c.set('operationId', def.id);
    const mocked = await mockReply(def, c, deps.contract);
    if (mocked) return mocked;
    if (negotiates && !negotiate(c.req.header('accept'), c.req.header('content-type'))) {
      throw new ApiError('NOT_ACCEPTABLE', `This server answers ${RESPONSE_TYPES.join(', ')}.`);
    }
    const url = new URL(c.req.url);
    const params = rawParams(def.path, url.pathname);
    const query = canonicalQuery(url, queryNames, (name) =>
      deps.contract.queryParameterSchema(def.id, name),
    );
    const { body, mediaType } = await readBody(c, def.id, deps);
    const canonicalPath = def.path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    const problems = deps.contract.validateRequest(def.id, {
      method: def.method,
      path: canonicalPath,
      query,
      headers: declaredHeaders(c, headerNames, mediaType),
      body,
    });
    if (problems.length > 0) {
      throw new ApiError('BAD_REQUEST', problems.map((p) => problemText(p, body)).join('; '));
    }
    // The one place request values take the contract's types: the check above proved them.
    const request = {
      params,
      query,
      body,
      mediaType,
      header: (name: string) => c.req.header(name),
      user: user(c),
      origin: `${deps.publicOrigin?.() ?? url.origin}${basePathOf(c)}`,
    } as BoundRequest<Id>;
    return def.handle(request, deps);
  };
}
