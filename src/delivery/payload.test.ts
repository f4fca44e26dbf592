import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SPEC_PATH } from '../paths.js';
import {
  buildPayload,
  entityOf,
  formatTimestamp,
  payloadSerializer,
  serializePayload,
  testPayload,
  type PayloadInput,
} from './payload.js';

// ajv-formats is CommonJS: under NodeNext the default import is module.exports, whose
// `.default` is the plugin (ajv-formats sets both).
const addFormats = addFormatsModule.default;

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
  components: { schemas: { WebhookPayload: object } };
};
const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(spec.components.schemas.WebhookPayload);

function expectValid(payload: unknown): void {
  const ok = validate(payload);
  expect(validate.errors ?? [], JSON.stringify(payload)).toEqual([]);
  expect(ok).toBe(true);
}

const base: PayloadInput = {
  eventId: '8337ae4a-1dd6-40fd-8dc7-a050664a0af7',
  timestamp: new Date('2018-04-24T07:50:50.681Z'),
  event: 'contact.created',
  primaryKey: 1234,
  changes: ['contact_id', 'updated', 'updatedCount'],
  contextIdentifier: 'Cust1234',
  changedByAssociateId: 5,
  webhook: { Name: 'My hook', Properties: null },
};

describe('formatTimestamp', () => {
  it.each([
    ['2018-04-24T07:50:50.681Z', '2018-04-24T07:50:50.6810000Z'],
    ['2018-04-24T07:50:50.000Z', '2018-04-24T07:50:50.0000000Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.9990000Z'],
  ])('%s → %s', (iso, expected) => {
    expect(formatTimestamp(new Date(iso))).toBe(expected);
  });
});

describe('entityOf', () => {
  it.each([
    ['contact.created', 'contact'],
    ['list.category.created', 'list.category'],
    ['list.110.changed', 'list.110'],
    ['y_table.changed', 'y_table'],
    ['test', 'test'],
  ])('%s → %s', (event, entity) => expect(entityOf(event)).toBe(entity));
});

describe('buildPayload', () => {
  it('writes the documented keys in the sample order', () => {
    const payload = buildPayload(base);
    expectValid(payload);
    expect(Object.keys(payload)).toEqual([
      'EventId',
      'Timestamp',
      'Changes',
      'Event',
      'PrimaryKey',
      'Entity',
      'ContextIdentifier',
      'ChangedByAssociateId',
      'WebhookName',
    ]);
    expect(payload).toMatchObject({
      Timestamp: '2018-04-24T07:50:50.6810000Z',
      Event: 'contact.created',
      Entity: 'contact',
      WebhookName: 'My hook',
    });
  });

  it('puts Values after Changes and FieldValues last on a delete', () => {
    const payload = buildPayload({
      ...base,
      event: 'sale.deleted',
      changes: undefined,
      values: { sale_id: 3, contact_id: 2, person_id: 0, project_id: 0 },
      fieldValues: { heading: 'Big deal' },
    });
    expectValid(payload);
    expect(Object.keys(payload)).toEqual([
      'EventId',
      'Timestamp',
      'Changes',
      'Values',
      'Event',
      'PrimaryKey',
      'Entity',
      'ContextIdentifier',
      'ChangedByAssociateId',
      'WebhookName',
      'FieldValues',
    ]);
    expect(payload.Changes).toEqual([]);
  });

  it("names a list event's entity with its list: list.category.created → list.category", () => {
    const payload = buildPayload({ ...base, event: 'list.category.created' });
    expectValid(payload);
    expect(payload).toMatchObject({ Event: 'list.category.created', Entity: 'list.category' });
  });

  it('keeps an explicit Entity and a null WebhookName', () => {
    const payload = buildPayload({
      ...base,
      entity: 'list.category',
      webhook: { Name: null, Properties: null },
    });
    expectValid(payload);
    expect(payload.Entity).toBe('list.category');
    expect(payload.WebhookName).toBeNull();
  });

  it.each(['started', 'stopped', 'errors'])(
    'sends webhook7.%s as webhook.%s without Entity',
    (verb) => {
      const payload = buildPayload({
        ...base,
        event: `webhook7.${verb}`,
        primaryKey: 7,
        changes: [],
        fieldValues: { state: 'TooManyErrors' },
      });
      expectValid(payload);
      expect(payload.Event).toBe(`webhook.${verb}`);
      expect('Entity' in payload).toBe(false);
    },
  );

  it('appends Properties as top-level keys that never overwrite documented ones', () => {
    const payload = buildPayload({
      ...base,
      webhook: {
        Name: 'My hook',
        Properties: {
          source: 'crm',
          EventId: 'forged',
          primarykey: 0,
          Entity: 'x',
          nested: { a: [1] },
        },
      },
    });
    expectValid(payload);
    expect(Object.keys(payload).slice(-2)).toEqual(['source', 'nested']);
    expect(payload).toMatchObject({ EventId: base.eventId, PrimaryKey: 1234, Entity: 'contact' });
    expect(payload['primarykey']).toBeUndefined();
  });

  it('does not let a __proto__ property change the prototype', () => {
    const Properties = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const payload = buildPayload({ ...base, webhook: { Name: 'h', Properties } });
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(serializePayload(payload)).toContain('"__proto__":{"polluted":true}');
  });
});

describe('testPayload', () => {
  it('is the test event: PrimaryKey 0, Entity test, no changes', () => {
    const payload = testPayload({
      eventId: base.eventId,
      timestamp: base.timestamp,
      contextIdentifier: 'Default',
      changedByAssociateId: 0,
      webhook: { Name: 'My hook', Properties: { source: 'crm' } },
    });
    expectValid(payload);
    expect(payload).toMatchObject({
      Event: 'test',
      PrimaryKey: 0,
      Entity: 'test',
      Changes: [],
      source: 'crm',
    });
  });
});

describe('serializePayload', () => {
  it('is compact JSON in key order, the bytes that are signed', () => {
    const text = serializePayload(buildPayload({ ...base, changes: ['updated'] }));
    expect(text).toBe(
      '{"EventId":"8337ae4a-1dd6-40fd-8dc7-a050664a0af7","Timestamp":"2018-04-24T07:50:50.6810000Z",' +
        '"Changes":["updated"],"Event":"contact.created","PrimaryKey":1234,"Entity":"contact",' +
        '"ContextIdentifier":"Cust1234","ChangedByAssociateId":5,"WebhookName":"My hook"}',
    );
  });
});

describe('the schema check itself', () => {
  it('rejects a payload with a bad Timestamp, a non-uuid EventId or a missing key', () => {
    expect(validate({ ...buildPayload(base), EventId: 'evt-1' })).toBe(false); // formats are on
    expect(validate({ ...buildPayload(base), Timestamp: '2018-04-24 07:50:50' })).toBe(false);
    const { WebhookName: _omitted, ...rest } = buildPayload(base);
    expect(validate(rest)).toBe(false);
  });
});

describe('payloadSerializer', () => {
  const webhooks: Array<PayloadInput['webhook']> = [
    { Name: 'My hook', Properties: null },
    { Name: null, Properties: null },
    { Name: 'Quote " and \u2028 and é', Properties: { Source: 'crm', Nested: { a: [1, 'x'] } } },
    // An index-like key goes first in an object; a documented key in another casing is dropped.
    { Name: 'indexed', Properties: { b: 1, '2': 'two', eventid: 'not mine', '01': 'kept' } },
    {
      Name: 'proto',
      Properties: JSON.parse('{"__proto__":{"x":1},"after":true}') as Record<string, unknown>,
    },
  ];
  const events: Array<Omit<PayloadInput, 'webhook'>> = [
    base,
    { ...base, fieldValues: { name: 'Acme', '"WebhookName":null': 1 } },
    { ...base, event: 'webhook7.errors', values: { '"WebhookName":': ',"WebhookName":' } },
    { ...base, event: 'contact.deleted', values: { contact_id: 7 }, changes: [] },
  ];

  it('gives every webhook the text building and serialising its own payload gives', () => {
    for (const event of events) {
      const serialize = payloadSerializer(event);
      for (const webhook of webhooks) {
        expect(serialize(webhook)).toBe(serializePayload(buildPayload({ ...event, webhook })));
      }
    }
  });
});
