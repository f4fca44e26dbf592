// Every operation is in the spec, with the statuses the pages document plus the
// ones spec/README.md's choices add (and nothing else). Seed pages are cited by file name.
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationId } from '../../src/http/operation.js';
import { SPEC_PATH } from './spec-document.js';

interface OperationRow {
  id: OperationId;
  method: string;
  path: string;
  /** Statuses the seed pages or the reference (§1a, §1b, §5) list for the endpoint. */
  documented: readonly number[];
  /** Statuses the spec adds; the choice (spec/README.md) is named in the comment. */
  added: readonly number[];
}

const OPERATIONS = [
  // Agents, docs/sources.md §1b. 400 = C2/C11, 401 = C3, 406 = C12, 413 = C2, 415 = C12, 503 = C2.
  {
    id: 'createDefaultWebhook', // docs/sources.md seed 000, docs/sources.md seed 003
    method: 'POST',
    path: '/api/v1/Agents/Webhook/CreateDefaultWebhook',
    documented: [200],
    added: [400 /* C2: a bad Prefer header */, 401, 406],
  },
  {
    id: 'saveWebhook', // docs/sources.md §1b A2; 400 from docs/sources.md §2c (client fixture)
    method: 'POST',
    path: '/api/v1/Agents/Webhook/SaveWebhook',
    documented: [200, 400],
    added: [401, 404 /* C7 */, 406, 413, 415],
  },
  {
    id: 'deleteWebhookAgent', // docs/sources.md §1b A3; unknown id is 204 (C5)
    method: 'POST',
    path: '/api/v1/Agents/Webhook/DeleteWebhook',
    documented: [204],
    added: [400, 401],
  },
  {
    id: 'getWebhookAgent', // docs/sources.md §1b A4; unknown id is 200 null (C4)
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetWebhook',
    documented: [200],
    added: [400, 401, 406],
  },
  {
    id: 'getAllWebhooks', // docs/sources.md seed 001
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetAllWebhooks',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'testWebhookAgent', // docs/sources.md §1b A6, §2b
    method: 'POST',
    path: '/api/v1/Agents/Webhook/TestWebhook',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'signalEvent', // docs/sources.md seed 002
    method: 'POST',
    path: '/api/v1/Agents/Webhook/SignalEvent',
    documented: [204],
    added: [400, 401, 413, 415, 503],
  },
  {
    id: 'getLastError', // docs/sources.md §1b A8
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetLastError',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  // REST, docs/sources.md §1a (R1–R10).
  {
    id: 'getDefaultWebhook', // docs/sources.md §1a R1
    method: 'GET',
    path: '/api/v1/Webhook/default',
    documented: [200],
    added: [400 /* C2: a bad Prefer header */, 401, 406],
  },
  {
    id: 'getWebhookList', // docs/sources.md §1a R2
    method: 'GET',
    path: '/api/v1/Webhook',
    documented: [200],
    added: [400, 401, 406],
  },
  {
    id: 'postWebhook', // docs/sources.md §1a R3; 400 from docs/sources.md §2c / §5
    method: 'POST',
    path: '/api/v1/Webhook',
    documented: [200, 400],
    added: [401, 404 /* C7 */, 406, 413, 415],
  },
  {
    id: 'getWebhook', // docs/sources.md §1a R4
    method: 'GET',
    path: '/api/v1/Webhook/{id}',
    documented: [200, 404],
    added: [400, 401, 406],
  },
  {
    id: 'putWebhook', // docs/sources.md §1a R5
    method: 'PUT',
    path: '/api/v1/Webhook/{id}',
    documented: [200, 400],
    added: [401, 404 /* C6 */, 406, 412 /* C10 */, 413, 415],
  },
  {
    id: 'patchWebhook', // docs/sources.md seed 004, docs/sources.md §1a R7
    method: 'PATCH',
    path: '/api/v1/Webhook/{id}',
    documented: [200, 404, 409, 412],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'deleteWebhook', // docs/sources.md §1a R6
    method: 'DELETE',
    path: '/api/v1/Webhook/{id}',
    documented: [204],
    added: [400, 401, 404 /* C6 */, 412 /* C10 */],
  },
  {
    id: 'testWebhook', // docs/sources.md §1a R8
    method: 'POST',
    path: '/api/v1/Webhook/Test',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'signalWebhookEvent', // docs/sources.md §1a R9
    method: 'POST',
    path: '/api/v1/Webhook/{eventName}/{primaryKey}',
    documented: [204],
    added: [400, 401, 413, 415, 503],
  },
  {
    id: 'getWebhookLastError', // docs/sources.md §1a R10
    method: 'GET',
    path: '/api/v1/Webhook/{id}/LastError',
    documented: [200],
    added: [400, 401, 404 /* C6 */, 406],
  },
] as const satisfies readonly OperationRow[];

/** An operation of the generated types without a row here does not compile. */
type Missing = Exclude<OperationId, (typeof OPERATIONS)[number]['id']>;
const everyOperationHasARow: [Missing] extends [never] ? true : Missing = true;

const statusesOf = (operation: IHttpOperation): number[] =>
  operation.responses.map((r) => Number(r.code)).sort((a, b) => a - b);

describe('the Webhook operations', () => {
  let operations: IHttpOperation[] = [];
  const find = (id: string): IHttpOperation => {
    const found = operations.find((o) => o.iid === id);
    if (!found) throw new Error(`The spec has no operation "${id}"`);
    return found;
  };

  beforeAll(async () => {
    operations = await getHttpOperationsFromSpec(SPEC_PATH);
  });

  it('has exactly the operations of the table, each once', () => {
    expect(everyOperationHasARow).toBe(true);
    expect(new Set(OPERATIONS.map((o) => o.id)).size).toBe(OPERATIONS.length);
    expect(operations.map((o) => o.iid).sort()).toEqual(OPERATIONS.map((o) => o.id).sort());
  });

  it.each(OPERATIONS)('$method $path ($id)', (row) => {
    const operation = find(row.id);
    expect(operation.method.toUpperCase()).toBe(row.method);
    expect(operation.path).toBe(row.path);
    expect(statusesOf(operation)).toEqual(expect.arrayContaining([...row.documented]));
    expect(statusesOf(operation)).toEqual([...row.documented, ...row.added].sort((a, b) => a - b));
  });

  it.each(OPERATIONS)('$id answers 401, and 400 and 415 when it takes a body', (row) => {
    const operation = find(row.id);
    const statuses = statusesOf(operation);
    expect(statuses).toContain(401);
    if (operation.request?.body) {
      expect(statuses).toContain(400);
      expect(statuses).toContain(415);
    }
  });
});
