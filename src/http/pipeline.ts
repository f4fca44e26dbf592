// Turns an OperationDef into a Hono handler: Prefer-mocks, content negotiation, body reading,
// binding and the contract check happen here, once, for every operation alike.
import type { Context } from 'hono';
import { ApiError } from './api-error.js';
import { bindToSchema } from './binding.js';
import { mediaTypeOf, readJsonBody } from './body.js';
import type { Contract } from './contract.js';
import type { BoundRequest, OperationDef, Reply } from './operation.js';
import { parsePrefer, PreferError, wantsMock } from './prefer.js';
import type { UserRecord } from '../store/state.js';

export interface PipelineDeps {
  contract: Contract;
  limits: { maxBodyBytes: number; maxJsonDepth: number };
}

/** Media types whose bodies are JSON; `text/json` is the older alias the pages list. */
const JSON_ALIASES: Record<string, string> = { 'text/json': 'application/json' };

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((range) => {
    const type = mediaTypeOf(range) ?? '';
    return (
      ['*/*', 'application/*', 'text/*', 'application/json', 'text/json'].includes(type) ||
      type.endsWith('+json')
    );
  });
}

/** Path parameters from the raw path, keeping their case (routing itself ignores case). */
function rawParams(template: string, rawPath: string): Record<string, string> {
  const names = template.split('/');
  const values = rawPath.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(values[i] ?? '');
  });
  return params;
}

function canonicalQuery(url: URL, names: readonly string[]): Record<string, string> {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    const name = byLower.get(key.toLowerCase());
    if (name !== undefined && !(name in query)) query[name] = value;
  }
  return query;
}

async function readBody(c: Context, def: OperationDef<unknown>, deps: PipelineDeps) {
  const accepted = deps.contract.requestMediaTypes(def.id);
  if (accepted.length === 0) return { body: undefined, mediaType: undefined };
  const declared = mediaTypeOf(c.req.header('content-type'));
  if (declared !== undefined && !accepted.includes(declared)) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type ${declared} is not supported here; use ${accepted.join(', ')}.`,
    );
  }
  const parsed = await readJsonBody(c.req.raw, deps.limits);
  if (parsed !== undefined && declared === undefined) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `A body needs a Content-Type: ${accepted.join(', ')}.`,
    );
  }
  const mediaType = declared === undefined ? undefined : (JSON_ALIASES[declared] ?? declared);
  const schema = mediaType && deps.contract.requestSchema(def.id, declared ?? mediaType);
  return { body: schema ? bindToSchema(parsed, schema) : parsed, mediaType };
}

function mockReply(def: OperationDef<unknown>, c: Context, deps: PipelineDeps): Reply | undefined {
  let preferences;
  try {
    preferences = parsePrefer(c.req.header('prefer'));
  } catch (error) {
    if (error instanceof PreferError) throw new ApiError('BAD_REQUEST', error.message);
    throw error;
  }
  if (!wantsMock(preferences)) return undefined;
  const { statuses } = deps.contract.operation(def.id);
  if (preferences.code !== undefined && !statuses.includes(preferences.code)) {
    throw new ApiError(
      'BAD_REQUEST',
      `Prefer code=${preferences.code}: ${def.id} documents ${statuses.join(', ')}.`,
    );
  }
  const outcome = deps.contract.mock(
    def.id,
    { method: def.method, path: c.req.path, headers: c.req.header() },
    {
      ...(preferences.code === undefined ? {} : { code: preferences.code }),
      ...(preferences.example === undefined ? {} : { exampleKey: preferences.example }),
      dynamic: preferences.dynamic ?? false,
    },
  );
  if (!outcome.ok) throw new ApiError('BAD_REQUEST', `Prefer: ${outcome.message}`);
  return { status: outcome.response.status, body: outcome.response.body };
}

export function toHandler<D>(
  def: OperationDef<D>,
  deps: PipelineDeps & D,
  user: (c: Context) => UserRecord | undefined,
) {
  const queryNames = deps.contract.queryParameters(def.id);
  return async (c: Context): Promise<Reply> => {
    c.set('operationId', def.id);
    const mocked = mockReply(def as OperationDef<unknown>, c, deps);
    if (mocked) return mocked;
    if (!acceptsJson(c.req.header('accept'))) {
      throw new ApiError('NOT_ACCEPTABLE', 'This server answers application/json only.');
    }
    const url = new URL(c.req.url);
    const params = rawParams(def.path, url.pathname);
    const query = canonicalQuery(url, queryNames);
    const { body, mediaType } = await readBody(c, def as OperationDef<unknown>, deps);
    const canonicalPath = def.path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    const problems = deps.contract.validateRequest(def.id, {
      method: def.method,
      path: canonicalPath,
      query,
      headers: { ...c.req.header(), ...(mediaType ? { 'content-type': mediaType } : {}) },
      body,
    });
    if (problems.length > 0) {
      throw new ApiError('BAD_REQUEST', problems.map((p) => p.message).join('; '));
    }
    const request: BoundRequest = {
      params,
      query,
      body,
      mediaType,
      header: (name) => c.req.header(name),
      user: user(c),
      origin: url.origin,
    };
    return def.handle(request, deps);
  };
}
