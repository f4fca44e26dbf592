// Spec operations and routes are one to one, checked when the app is built.
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { memoryStore } from '../store/memory-store.js';
import { emptyState } from '../store/state.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type { Deliveries } from '../delivery/deliveries.js';
import { sharedContract } from '../../test/support/test-app.js';
import type { Contract, Operation } from './contract.js';
import { bindOperations, honoPath } from './operation-table.js';
import type { Handlers, OperationId } from './operation.js';

const deliveries: Deliveries = {
  signal: () => Promise.resolve(),
  stateChanged: () => Promise.resolve(),
  verifyTarget: () => Promise.resolve(undefined),
  test: () => Promise.resolve({ Success: true, Message: null }),
  forget: () => Promise.resolve(),
};

const appOn = (contract: Contract) => () =>
  createApp({ contract, store: memoryStore(emptyState()), deliveries, limits: DEFAULT_LIMITS });

describe('routes and spec operations', () => {
  it('the spec has one route per operation, with its method and path', async () => {
    const contract = await sharedContract();
    const seen: Array<[string, string, string]> = [];
    const handlers = Object.fromEntries(
      contract.operations.map((o) => [o.id, () => ({ status: 204 })]),
    ) as unknown as Handlers<unknown>;
    bindOperations(contract, handlers, (def) => seen.push([def.id, def.method, def.path]));
    expect(seen).toContainEqual(['patchWebhook', 'PATCH', '/api/v1/Webhook/:id']);
    expect(seen).toContainEqual([
      'signalWebhookEvent',
      'POST',
      '/api/v1/Webhook/:eventName/:primaryKey',
    ]);
    expect(seen).toHaveLength(contract.operations.length);
    expect(appOn(contract)).not.toThrow();
  });

  it('start-up fails when the spec has an operation no route serves', async () => {
    const contract = await sharedContract();
    const extra: Operation = { id: 'purgeWebhooks', method: 'POST', path: '/x', statuses: [204] };
    const wider = { ...contract, operations: [...contract.operations, extra] };
    expect(appOn(wider)).toThrow(/spec operations without a route: purgeWebhooks/);
  });

  it('start-up fails when a route serves an operation the spec lacks', async () => {
    const contract = await sharedContract();
    const missing: OperationId = 'getLastError';
    const narrower = {
      ...contract,
      operations: contract.operations.filter((o) => o.id !== missing),
    };
    expect(appOn(narrower)).toThrow(/routes for no spec operation: getLastError/);
  });

  it('writes spec path parameters in Hono syntax', () => {
    expect(honoPath('/api/v1/Webhook/{eventName}/{primaryKey}')).toBe(
      '/api/v1/Webhook/:eventName/:primaryKey',
    );
  });
});
