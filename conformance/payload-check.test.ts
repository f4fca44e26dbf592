import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SPEC_PATH } from '../src/paths.js';
import { tenantOfTarget } from './context.js';
import { containsEntry, headerProblems, payloadProblems } from './payload-check.js';
import type { Delivery } from './receiver.js';

type Spec = { components: { examples: Record<string, { value: Record<string, unknown> }> } };
const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
const example = spec.components.examples.PayloadContactCreated?.value ?? {};

function delivery(body: Record<string, unknown>, headers: Record<string, string> = {}): Delivery {
  const raw = Buffer.from(JSON.stringify(body));
  return {
    method: 'POST',
    path: '/x',
    headers,
    raw,
    body,
    isTest: false,
    answered: 200,
    receivedAt: 0,
  };
}

const expected = { event: 'contact.created', primaryKey: 1234, webhookName: 'CRM sync' };
const goodHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'NetServer-Webhook/12.4.0',
  'x-superoffice-event': 'contact.created',
  'x-superoffice-eventid': String(example.EventId),
};

describe('delivery checks (docs/sources.md §3a, §3b)', () => {
  it("accepts the spec's documented contact.created payload and headers", () => {
    expect(payloadProblems(delivery(example), expected)).toEqual([]);
    expect(headerProblems(delivery(example, goodHeaders), expected)).toEqual([]);
  });

  it('lists every problem of a wrong payload', () => {
    const wrong = {
      ...example,
      EventId: 'nope',
      Timestamp: '2018-04-24 07:50',
      PrimaryKey: '1234',
      WebhookName: 'other',
    };
    delete (wrong as Record<string, unknown>).ContextIdentifier;
    expect(payloadProblems(delivery(wrong), expected)).toEqual([
      'EventId is "nope"',
      'Timestamp is "2018-04-24 07:50"',
      'PrimaryKey is "1234"',
      'ContextIdentifier is absent',
      'WebhookName is "other"',
    ]);
  });

  it("wants the target's customer as ContextIdentifier when the target names one", () => {
    const body = { ...example, ContextIdentifier: 'Cust1' };
    const tenant = { ...expected, tenant: 'Cust12345' };
    expect(payloadProblems(delivery(body), tenant)).toEqual(['ContextIdentifier is "Cust1"']);
    expect(payloadProblems(delivery({ ...body, ContextIdentifier: 'Cust12345' }), tenant)).toEqual(
      [],
    );
    // A root target names no customer: any string is its installation's own identifier.
    expect(payloadProblems(delivery(body), expected)).toEqual([]);
  });

  it('wants the Entity the event names: everything before its last dot', () => {
    const list = { event: 'list.category.created', primaryKey: 1, webhookName: 'CRM sync' };
    const body: Record<string, unknown> = {
      ...example,
      Event: 'list.category.created',
      PrimaryKey: 1,
    };
    expect(payloadProblems(delivery({ ...body, Entity: 'list.category' }), list)).toEqual([]);
    expect(payloadProblems(delivery({ ...body, Entity: 'list' }), list)).toEqual([
      'Entity is "list"',
    ]);
    const withoutEntity = { ...body };
    delete withoutEntity.Entity;
    expect(payloadProblems(delivery(withoutEntity), list)).toEqual(['Entity is absent']);
  });

  it('lists every problem of wrong headers', () => {
    const headers = {
      'content-type': 'text/plain',
      'x-superoffice-event': 'contact.changed',
      'x-superoffice-eventid': '8337ae4a-1dd6-40fd-8dc7-a050664a0af8',
    };
    expect(headerProblems(delivery(example, headers), expected)).toEqual([
      'Content-Type is "text/plain"',
      'User-Agent is ""',
      'X-SuperOffice-Event is "contact.changed"',
      "X-SuperOffice-EventId 8337ae4a-1dd6-40fd-8dc7-a050664a0af8 differs from the body's EventId",
    ]);
  });

  it('finds custom properties at the top level or nested', () => {
    expect(containsEntry({ a: 1, run: 'x' }, 'run', 'x')).toBe(true);
    expect(containsEntry({ Properties: { run: 'x' } }, 'run', 'x')).toBe(true);
    expect(containsEntry({ run: 'y' }, 'run', 'x')).toBe(false);
  });
});

describe('the customer a target names', () => {
  it.each([
    ['https://sod.superoffice.com/Cust12345', 'Cust12345'],
    ['http://127.0.0.1:3000/cust7/', 'Cust7'],
    ['http://127.0.0.1:3000', undefined],
    ['http://127.0.0.1:3000/proxy/Cust12345x', undefined],
  ])('%s → %s', (target, tenant) => {
    expect(tenantOfTarget(target)).toBe(tenant);
  });
});
