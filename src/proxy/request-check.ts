// Which operation of the contract a request addresses, and what is wrong with the request by
// the contract: the same reading, binding and validation the mock applies to its own requests
// (http/pipeline.ts), so "invalid" means what the mock would refuse with 400, 406 or 415.
import { ApiError } from '../http/api-error.js';
import { bindQueryValue, bindToSchema } from '../http/binding.js';
import { mediaTypeOf } from '../http/body.js';
import type { Contract, Operation } from '../http/contract.js';
import { negotiate } from '../http/representation/media-types.js';
import { readModelBody } from '../http/representation/request-body.js';
import { splitTenantPath } from '../tenants/tenant-id.js';

export interface ProxiedRequest {
  method: string;
  /** The path as the client sent it (tenant prefix included), without the query. */
  path: string;
  /** The query string without `?`. */
  query: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RequestReading {
  operation: Operation | undefined;
  /** What the contract refuses in the request; empty when it is valid. */
  problems: string[];
}

const JSON_ALIASES: Record<string, string> = {
  'text/json': 'application/json',
  'application/xml': 'application/json',
  'text/xml': 'application/json',
  'application/x-www-form-urlencoded': 'application/json',
};

interface Route {
  operation: Operation;
  pattern: RegExp;
  literals: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Paths match without regard to case, like the real (ASP.NET) server's; literals win. */
export function routesOf(
  contract: Contract,
): (method: string, path: string) => Operation | undefined {
  const routes: Route[] = contract.operations.map((operation) => {
    const segments = operation.path.split('/');
    const source = segments.map((s) => (/^\{.+\}$/.test(s) ? '([^/]+)' : escape(s))).join('/');
    return {
      operation,
      pattern: new RegExp(`^${source}/?$`, 'i'),
      literals: segments.filter((s) => !s.startsWith('{')).length,
    };
  });
  return (method, path) => {
    const apiPath = splitTenantPath(path)?.rest ?? path;
    let best: Route | undefined;
    for (const route of routes) {
      if (route.operation.method !== method.toUpperCase() || !route.pattern.test(apiPath)) continue;
      if (!best || route.literals > best.literals) best = route;
    }
    return best?.operation;
  };
}

function pathValues(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/').slice(-names.length);
  const found: Record<string, string> = {};
  names.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined) found[name] = values[i] ?? '';
  });
  return found;
}

async function readBody(
  contract: Contract,
  id: string,
  request: ProxiedRequest,
  limits: { maxBodyBytes: number; maxJsonDepth: number },
): Promise<{ body: unknown; mediaType: string | undefined; problems: string[] }> {
  const accepted = contract.requestMediaTypes(id);
  if (accepted.length === 0) return { body: undefined, mediaType: undefined, problems: [] };
  const declared = mediaTypeOf(request.headers['content-type']);
  if (declared !== undefined && !accepted.includes(declared)) {
    return {
      body: undefined,
      mediaType: undefined,
      problems: [`Content-Type ${declared} is not accepted (415)`],
    };
  }
  const schema = declared && contract.requestSchema(id, declared);
  let parsed: unknown;
  try {
    const raw = new Request('http://proxy/', {
      method: 'POST',
      body: new Uint8Array(request.body),
      headers: declared ? { 'content-type': declared } : {},
    });
    parsed = await readModelBody(raw, declared, schema, limits);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return {
      body: undefined,
      mediaType: undefined,
      problems: [`${error.message} (${error.status})`],
    };
  }
  if (parsed !== undefined && declared === undefined) {
    return {
      body: undefined,
      mediaType: undefined,
      problems: ['a body without a Content-Type (415)'],
    };
  }
  const mediaType = declared === undefined ? undefined : (JSON_ALIASES[declared] ?? declared);
  return { body: schema ? bindToSchema(parsed, schema) : parsed, mediaType, problems: [] };
}

/** The request's problems by the contract for `operation`. */
export async function requestProblems(
  contract: Contract,
  operation: Operation,
  request: ProxiedRequest,
  limits: { maxBodyBytes: number; maxJsonDepth: number },
): Promise<string[]> {
  const id = operation.id;
  const { headers } = request;
  if (operation.statuses.includes(406) && !negotiate(headers.accept, headers['content-type'])) {
    return [`nothing in Accept: ${headers.accept} can be answered (406)`];
  }
  const read = await readBody(contract, id, request, limits);
  if (read.problems.length > 0) return read.problems;
  const names = new Map(contract.queryParameters(id).map((n) => [n.toLowerCase(), n]));
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(request.query)) {
    const name = names.get(key.toLowerCase());
    if (name !== undefined && !(name in query)) {
      query[name] = bindQueryValue(value, contract.queryParameterSchema(id, name));
    }
  }
  const declared: Record<string, string> = {};
  for (const name of contract.headerParameters(id)) {
    if (headers[name] !== undefined) declared[name] = headers[name];
  }
  if (read.mediaType) declared['content-type'] = read.mediaType;
  // The patch schema lists move and copy so they reach the server, which refuses them
  // (spec/README.md, JSON Patch row: docs/sources.md §5; C2).
  const ops = Array.isArray(read.body) ? (read.body as unknown[]) : [];
  const refused = ops.find((op) => /^(move|copy)$/i.test(String((op as { op?: unknown })?.op)));
  if (id === 'patchWebhook' && refused !== undefined) {
    return [`JSON Patch ${String((refused as { op: unknown }).op)} is not supported (400)`];
  }
  const params = pathValues(operation.path, request.path);
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  return contract
    .validateRequest(id, {
      method: operation.method,
      path,
      query,
      headers: declared,
      body: read.body,
    })
    .map((p) => p.message);
}
