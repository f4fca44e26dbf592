// `Prefer: code= / example= / dynamic=` answers from the spec instead of the store, the way
// Prism reads the header. An answer the spec would refuse is never sent: a generated header
// gets the real value and an example-less error gets the server's own error body.
import type { Context } from 'hono';
import { ApiError, ERRORS, errorBody } from './api-error.js';
import { WWW_AUTHENTICATE } from './auth.js';
import type { Contract, ContractResponse } from './contract.js';
import type { Method, OperationId, Reply } from './operation.js';
import { wantsMock } from './prefer.js';
import { preferencesOf } from './request-preferences.js';
import { negotiate } from './representation/media-types.js';

/**
 * The documented headers of a mocked answer (a 401 must carry its WWW-Authenticate challenge,
 * C3); the media type is the app's to set, and the challenge is the one the server really sends.
 */
function mockHeaders(generated: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(generated ?? {})) {
    if (name.toLowerCase() === 'content-type') continue;
    headers[name] = name.toLowerCase() === 'www-authenticate' ? WWW_AUTHENTICATE : String(value);
  }
  return headers;
}

/**
 * Prism's static mock of a response without an example is `{}`, which the `Error` schema
 * refuses (406, 413, 415 and 503 have no example in the spec); answer the body the server
 * itself sends for that status instead (C1, C2).
 */
function mockBody(contract: Contract, operationId: string, response: ContractResponse): unknown {
  const { status, body } = response;
  const template = Object.values(ERRORS).find((e) => e.status === status);
  if (!template) return body;
  const headers = { 'content-type': 'application/json' };
  if (contract.validateResponse(operationId, { status, headers, body }).length === 0) return body;
  return errorBody(template.type, `${template.type} (Prefer code=${status}).`, template.source);
}

export async function mockReply(
  def: { id: OperationId; method: Method },
  c: Context,
  contract: Contract,
): Promise<Reply | undefined> {
  const preferences = preferencesOf(c);
  if (!wantsMock(preferences)) return undefined;
  const { statuses } = contract.operation(def.id);
  if (preferences.code !== undefined && !statuses.includes(preferences.code)) {
    throw new ApiError(
      'BAD_REQUEST',
      `Prefer code=${preferences.code}: ${def.id} documents ${statuses.join(', ')}.`,
    );
  }
  // The spec's examples sit under application/json; the app writes the mocked model in the
  // negotiated representation (XML too), so Prism is asked for JSON whenever that is served.
  const headers = c.req.header();
  const served = negotiate(headers.accept, headers['content-type']) !== undefined;
  const outcome = await contract.mock(
    def.id,
    {
      method: def.method,
      path: c.req.path,
      headers: served ? { ...headers, accept: 'application/json' } : headers,
    },
    {
      ...(preferences.code === undefined ? {} : { code: preferences.code }),
      ...(preferences.example === undefined ? {} : { exampleKey: preferences.example }),
      dynamic: preferences.dynamic ?? false,
    },
  );
  if (!outcome.ok) throw new ApiError('BAD_REQUEST', `Prefer: ${outcome.message}`);
  const { response } = outcome;
  return {
    status: response.status,
    body: mockBody(contract, def.id, response),
    headers: mockHeaders(response.headers),
  };
}
