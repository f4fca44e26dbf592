import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract, type ContractRequest } from './contract.js';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const json = { 'content-type': 'application/json' };
const SAVE = '/api/v1/Agents/Webhook/SaveWebhook';

// [operation, request, expected to be valid]
const CASES: Array<[string, ContractRequest, boolean]> = [
  [
    'saveWebhook',
    { method: 'POST', path: SAVE, headers: json, body: { Name: 'x', Events: ['a.b'] } },
    true,
  ],
  ['saveWebhook', { method: 'POST', path: SAVE, headers: json, body: { Name: 3 } }, false],
  [
    'saveWebhook',
    { method: 'POST', path: SAVE, headers: json, body: { State: 'Sleeping' } },
    false,
  ],
  ['saveWebhook', { method: 'POST', path: SAVE, headers: json, body: { Colour: 'red' } }, false],
  [
    'saveWebhook',
    { method: 'POST', path: SAVE, headers: json, body: { Events: ['has space'] } },
    false,
  ],
  [
    'saveWebhook',
    { method: 'POST', path: SAVE, headers: json, body: { Headers: { a: 1 } } },
    false,
  ],
  ['saveWebhook', { method: 'POST', path: SAVE, headers: json }, false],
  [
    'saveWebhook',
    {
      method: 'POST',
      path: SAVE,
      headers: json,
      body: { ErrorAssociates: [{ Id: 1, ChildItems: [{ Id: 'x' }] }] },
    },
    false,
  ],
  [
    'getWebhookAgent',
    { method: 'POST', path: '/api/v1/Agents/Webhook/GetWebhook', query: { webhookId: '5' } },
    true,
  ],
  [
    'getWebhookAgent',
    { method: 'POST', path: '/api/v1/Agents/Webhook/GetWebhook', query: { WEBHOOKID: '5' } },
    true,
  ],
  [
    'getWebhookAgent',
    { method: 'POST', path: '/api/v1/Agents/Webhook/GetWebhook', query: { webhookId: 'x' } },
    false,
  ],
  [
    'getWebhookAgent',
    { method: 'POST', path: '/api/v1/Agents/Webhook/GetWebhook', query: {} },
    false,
  ],
  ['getWebhook', { method: 'GET', path: '/api/v1/Webhook/7' }, true],
  ['getWebhook', { method: 'GET', path: '/api/v1/Webhook/seven' }, false],
  [
    'getWebhookList',
    { method: 'GET', path: '/api/v1/Webhook', query: { statusFilter: 'Active' } },
    true,
  ],
  [
    'getWebhookList',
    { method: 'GET', path: '/api/v1/Webhook', query: { statusFilter: 'Asleep' } },
    false,
  ],
  [
    'signalWebhookEvent',
    { method: 'POST', path: '/api/v1/Webhook/foo.bar/12', headers: json, body: {} },
    true,
  ],
  // The vendor Swagger marks the `data` body required.
  ['signalWebhookEvent', { method: 'POST', path: '/api/v1/Webhook/foo.bar/12' }, false],
  ['signalWebhookEvent', { method: 'POST', path: '/api/v1/Webhook/foo.bar/x' }, false],
  [
    'signalEvent',
    {
      method: 'POST',
      path: '/api/v1/Agents/Webhook/SignalEvent',
      headers: json,
      body: { EventName: 'a.b', PrimaryKey: 1 },
    },
    true,
  ],
  [
    'signalEvent',
    {
      method: 'POST',
      path: '/api/v1/Agents/Webhook/SignalEvent',
      headers: json,
      body: { PrimaryKey: 1 },
    },
    false,
  ],
  [
    'getLastError',
    {
      method: 'POST',
      path: '/api/v1/Agents/Webhook/GetLastError',
      headers: json,
      body: { WebhookId: '1' },
    },
    false,
  ],
  [
    'patchWebhook',
    {
      method: 'PATCH',
      path: '/api/v1/Webhook/2',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { Name: 'x' },
    },
    true,
  ],
  [
    'patchWebhook',
    {
      method: 'PATCH',
      path: '/api/v1/Webhook/2',
      headers: { 'content-type': 'application/json-patch+json' },
      body: { Name: 'x' },
    },
    false,
  ],
  [
    'patchWebhook',
    {
      method: 'PATCH',
      path: '/api/v1/Webhook/2',
      headers: { 'content-type': 'application/json-patch+json' },
      body: [{ op: 'jump', path: '/a' }],
    },
    false,
  ],
  [
    'patchWebhook',
    {
      method: 'PATCH',
      path: '/api/v1/Webhook/2',
      headers: json,
      body: [{ op: 'replace', path: '/Name', value: 'x' }],
    },
    true,
  ],
];

describe('compiled request validation agrees with prism-http', () => {
  it.each(CASES)('%s %#', (operationId, request, valid) => {
    const fast = contract.validateRequest(operationId, request);
    const prism = contract.validateRequestWithPrism(operationId, request);
    expect(fast.length === 0).toBe(valid);
    expect(prism.length === 0).toBe(valid);
  });

  it('names the same locations as prism-http for body and parameter problems', () => {
    const request = {
      method: 'POST',
      path: SAVE,
      headers: json,
      body: { Name: 3, State: 'x', Colour: 1 },
    };
    const locations = (problems: { location: string }[]) => problems.map((p) => p.location).sort();
    expect(locations(contract.validateRequest('saveWebhook', request))).toEqual(
      locations(contract.validateRequestWithPrism('saveWebhook', request)),
    );
  });
});
