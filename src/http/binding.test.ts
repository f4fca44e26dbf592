// Model binding (spec/README.md C11), against the spec's own request schemas and small
// hand-made ones.
import { beforeAll, describe, expect, it } from 'vitest';
import { bindQueryValue, bindToSchema } from './binding.js';
import { loadContract, type Contract } from './contract.js';

let contract: Contract;
let webhook: unknown;
beforeAll(async () => {
  contract = await loadContract();
  webhook = contract.requestSchema('saveWebhook', 'application/json');
});

const STATE = {
  type: 'string',
  enum: ['Unknown', 'Active', 'Stopped', 'TooManyErrors'],
  'x-enum-numbers': { Unknown: 0, Active: 1, Stopped: 2, TooManyErrors: 3 },
};
const NOTIFY_VIA = { type: 'string', 'x-flags': { None: 0, Email: 1, InApp: 2 } };

describe('member names', () => {
  it('binds camelCase and any other case to the spec names', () => {
    const bound = bindToSchema(
      { webhookId: 0, NAME: 'x', targetUrl: 'https://a.example', errorsemail: 'a@b.c' },
      webhook,
    );
    expect(bound).toEqual({
      WebhookId: 0,
      Name: 'x',
      TargetUrl: 'https://a.example',
      ErrorsEmail: 'a@b.c',
    });
  });

  it('keeps unknown members as sent, so that validation can refuse them', () => {
    expect(bindToSchema({ colour: 'red', name: 'x' }, webhook)).toEqual({
      colour: 'red',
      Name: 'x',
    });
  });

  it('binds nested carriers: the TestWebhook wrapper and ErrorAssociates items', () => {
    const schema = contract.requestSchema('testWebhookAgent', 'application/json');
    const bound = bindToSchema(
      { webhook: { targetUrl: 'https://a.example', errorAssociates: [{ id: 3, fullName: 'A' }] } },
      schema,
    );
    expect(bound).toEqual({
      Webhook: { TargetUrl: 'https://a.example', ErrorAssociates: [{ Id: 3, FullName: 'A' }] },
    });
  });

  it('leaves the keys of free-form objects alone (Headers, Properties)', () => {
    const bound = bindToSchema(
      { headers: { 'x-tenant': 'acme' }, properties: { name: 'keep', State: 2 } },
      webhook,
    );
    expect(bound).toEqual({
      Headers: { 'x-tenant': 'acme' },
      Properties: { name: 'keep', State: 2 },
    });
  });

  it('drops read-only members but keeps WebhookId, which addresses the hook (C16)', () => {
    const bound = bindToSchema(
      {
        WebhookId: 4,
        Registered: '2020-01-01T00:00:00',
        updated: '2020-01-01T00:00:00',
        RegisteredAssociate: null,
        TotalCalls: 3,
        totalErrors: 2,
        ConsecutiveErrors: 1,
        LastError: 'x',
        Name: 'kept',
      },
      webhook,
    );
    expect(bound).toEqual({ WebhookId: 4, Name: 'kept' });
  });

  it('keeps a member named __proto__ as data, never as the prototype', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"name":"x"}') as unknown;
    const bound = bindToSchema(input, webhook) as Record<string, unknown>;
    expect(Object.getPrototypeOf(bound)).toBe(Object.prototype);
    expect(Object.keys(bound)).toEqual(['__proto__', 'Name']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('passes through values no schema shapes', () => {
    expect(bindToSchema(null, webhook)).toBeNull();
    expect(bindToSchema(true, webhook)).toBe(true);
    expect(bindToSchema({ a: 1 }, { type: 'object' })).toEqual({ a: 1 });
    expect(bindToSchema([1, 'a'], { type: 'array' })).toEqual([1, 'a']);
  });
});

describe('enums (C11)', () => {
  it.each([
    ['Stopped', 'Stopped'],
    ['stopped', 'Stopped'],
    ['TOOMANYERRORS', 'TooManyErrors'],
    [0, 'Unknown'],
    [1, 'Active'],
    [3, 'TooManyErrors'],
    [9, 9],
    ['Sleeping', 'Sleeping'],
    ['2', '2'],
  ])('binds State %j to %j', (value, expected) => {
    expect(bindToSchema(value, STATE)).toBe(expected);
  });

  it('binds plain enums by name in any case (State), and leaves the free-string Type as sent', () => {
    expect(bindToSchema({ state: 'sToPpEd' }, webhook)).toEqual({ State: 'Stopped' });
    expect(bindToSchema({ type: 'CRMScript' }, webhook)).toEqual({ Type: 'CRMScript' });
    expect(bindToSchema({ type: 'plugin' }, webhook)).toEqual({ Type: 'plugin' });
  });

  it('binds enums inside the spec schema, by number too', () => {
    expect(bindToSchema({ state: 2, notifyVia: 3, notifyWhen: 2 }, webhook)).toEqual({
      State: 'Stopped',
      NotifyVia: 'Email, InApp',
      NotifyWhen: 'Disabling',
    });
  });
});

describe('flags (C11)', () => {
  it.each([
    [0, 'None'],
    [1, 'Email'],
    [2, 'InApp'],
    [3, 'Email, InApp'],
    [4, 4],
    [7, 7],
    [-1, -1],
    [1.5, 1.5],
    ['email', 'Email'],
    ['inapp,EMAIL', 'InApp, Email'],
    [' Email ,  InApp ', 'Email, InApp'],
    ['Email, Pigeon', 'Email, Pigeon'],
  ])('binds NotifyVia %j to %j', (value, expected) => {
    expect(bindToSchema(value, NOTIFY_VIA)).toBe(expected);
  });
});

describe('query values', () => {
  it('binds an enum parameter by any case or number and leaves others as sent', () => {
    const statusFilter = contract.queryParameterSchema('getWebhookList', 'statusFilter');
    expect(bindQueryValue('stopped', statusFilter)).toBe('Stopped');
    expect(bindQueryValue('3', statusFilter)).toBe('TooManyErrors');
    expect(bindQueryValue('9', statusFilter)).toBe('9');
    expect(bindQueryValue('Sleeping', statusFilter)).toBe('Sleeping');
    const webhookId = contract.queryParameterSchema('getWebhookAgent', 'webhookId');
    expect(bindQueryValue('12', webhookId)).toBe('12');
    expect(bindQueryValue('abc', { type: 'string' })).toBe('abc');
    expect(bindQueryValue('2', undefined)).toBe('2');
  });
});
