// Every field and status printed in the five seed pages appears in the spec (seeds/<file>; see
// spec/README.md for the full map).
import { describe, expect, it } from 'vitest';
import { follow, HTTP_METHODS, isObject, spec, type JsonObject } from './spec-document.js';

function schemaNode(node: unknown, tokens: string[]): JsonObject {
  return follow(node, tokens).node;
}

/** Property names a schema allows, through $ref, allOf, oneOf, anyOf and array items. */
function propertyNames(node: unknown, seen = new Set<unknown>()): Set<string> {
  const names = new Set<string>();
  if (!isObject(node) || seen.has(node)) return names;
  seen.add(node);
  const schema = '$ref' in node ? schemaNode(node, []) : node;
  if (isObject(schema.properties)) Object.keys(schema.properties).forEach((k) => names.add(k));
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list)) {
      list.forEach((sub: unknown) => propertyNames(sub, seen).forEach((k) => names.add(k)));
    }
  }
  if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) {
    propertyNames(schema.items, seen).forEach((k) => names.add(k));
  }
  return names;
}

/** The schema of property `name` somewhere in (the allOf/oneOf branches of) a schema. */
function propertySchema(node: unknown, name: string): unknown {
  if (!isObject(node)) return undefined;
  const schema = '$ref' in node ? schemaNode(node, []) : node;
  if (isObject(schema.properties) && name in schema.properties) return schema.properties[name];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list) {
      const found = propertySchema(sub, name);
      if (found !== undefined) return found;
    }
  }
  if (schema.type === 'array') return propertySchema(schema.items, name);
  return undefined;
}

function findOperation(id: string): { route: string; item: JsonObject; operation: JsonObject } {
  const paths = isObject(spec.paths) ? spec.paths : {};
  for (const [route, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation) && operation.operationId === id) return { route, item, operation };
    }
  }
  throw new Error(`The spec has no operation "${id}"`);
}

function responseSchema(id: string, status: string, mediaType = 'application/json'): unknown {
  const { route, operation } = findOperation(id);
  const responses = isObject(operation.responses) ? operation.responses : {};
  const response = follow(responses[status], ['paths', route, 'responses', status]).node;
  const content = isObject(response.content) ? response.content : {};
  const media = content[mediaType];
  return isObject(media) ? media.schema : undefined;
}

function requestSchema(id: string, mediaType = 'application/json'): unknown {
  const { route, operation } = findOperation(id);
  const body = follow(operation.requestBody, ['paths', route, 'requestBody']).node;
  const content = isObject(body.content) ? body.content : {};
  const media = content[mediaType];
  return isObject(media) ? media.schema : undefined;
}

function parameterNames(id: string): string[] {
  const { route, item, operation } = findOperation(id);
  const list = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ] as unknown[];
  return list.map((p, i) => String(follow(p, ['paths', route, 'parameters', String(i)]).node.name));
}

function statusKeys(id: string): number[] {
  const { operation } = findOperation(id);
  return Object.keys(isObject(operation.responses) ? operation.responses : {}).map(Number);
}

/** CreateDefaultWebhook's RegisteredAssociate.FieldProperties.<field> (seeds/003). */
function fieldPropertySchema(): unknown {
  const associate = propertySchema(
    responseSchema('createDefaultWebhook', '200'),
    'RegisteredAssociate',
  );
  const fieldProperties = schemaNode(propertySchema(associate, 'FieldProperties'), []);
  return fieldProperties.additionalProperties;
}

// The Webhook carrier's table, as printed on the pages.
const WEBHOOK_FIELDS_OLD = [
  // seeds/000_b1d363702d928572.txt and seeds/003_9c71f5286139e197.txt (13 rows)
  'WebhookId',
  'Name',
  'Events',
  'TargetUrl',
  'Secret',
  'State',
  'Type',
  'Headers',
  'Properties',
  'Registered',
  'RegisteredAssociate',
  'Updated',
  'UpdatedAssociate',
];
// seeds/001_9797824a90a04707.txt and seeds/004_c05cf042a57efd1d.txt add ErrorsEmail.
const WEBHOOK_FIELDS = [...WEBHOOK_FIELDS_OLD, 'ErrorsEmail'];

interface SeedFieldRow {
  seed: string;
  what: string;
  schema: () => unknown;
  fields: string[];
}

const SEED_FIELDS: SeedFieldRow[] = [
  {
    seed: 'seeds/000_b1d363702d928572.txt',
    what: 'CreateDefaultWebhook 200 body (Webhook)',
    schema: () => responseSchema('createDefaultWebhook', '200'),
    fields: WEBHOOK_FIELDS_OLD,
  },
  {
    seed: 'seeds/003_9c71f5286139e197.txt',
    what: 'CreateDefaultWebhook 200 body (Webhook)',
    schema: () => responseSchema('createDefaultWebhook', '200'),
    fields: WEBHOOK_FIELDS_OLD,
  },
  {
    // seeds/003_9c71f5286139e197.txt: the sample's RegisteredAssociate / UpdatedAssociate
    seed: 'seeds/003_9c71f5286139e197.txt',
    what: 'Associate (RegisteredAssociate, UpdatedAssociate)',
    schema: () => propertySchema(responseSchema('createDefaultWebhook', '200'), 'UpdatedAssociate'),
    fields: [
      'AssociateId',
      'Name',
      'PersonId',
      'Rank',
      'Tooltip',
      'Type',
      'GroupIdx',
      'FullName',
      'FormalName',
      'Deleted',
      'EjUserId',
      'UserName',
      'TableRight',
      'FieldProperties',
    ],
  },
  {
    // seeds/003_9c71f5286139e197.txt: FieldProperties.fieldName
    seed: 'seeds/003_9c71f5286139e197.txt',
    what: 'Associate.FieldProperties entry',
    schema: () => fieldPropertySchema(),
    fields: ['FieldRight', 'FieldType', 'FieldLength'],
  },
  {
    // seeds/003_9c71f5286139e197.txt: FieldRight { Mask, Reason }
    seed: 'seeds/003_9c71f5286139e197.txt',
    what: 'FieldRight',
    schema: () => propertySchema(fieldPropertySchema(), 'FieldRight'),
    fields: ['Mask', 'Reason'],
  },
  {
    seed: 'seeds/001_9797824a90a04707.txt',
    what: 'GetAllWebhooks request body',
    schema: () => requestSchema('getAllWebhooks'),
    fields: ['NameFilter', 'EventFilter', 'StatusFilter'],
  },
  {
    seed: 'seeds/001_9797824a90a04707.txt',
    what: 'GetAllWebhooks 200 body (array of Webhook)',
    schema: () => responseSchema('getAllWebhooks', '200'),
    fields: WEBHOOK_FIELDS,
  },
  {
    seed: 'seeds/002_569939bd557dcdf8.txt',
    what: 'SignalEvent request body',
    schema: () => requestSchema('signalEvent'),
    fields: ['EventName', 'PrimaryKey', 'Data'],
  },
  {
    seed: 'seeds/004_c05cf042a57efd1d.txt',
    what: 'PATCH request body (JSON Patch operation)',
    schema: () => requestSchema('patchWebhook', 'application/json-patch+json'),
    fields: ['op', 'path', 'value'],
  },
  {
    seed: 'seeds/004_c05cf042a57efd1d.txt',
    what: 'PATCH 200 body (WebhookWithLinks)',
    schema: () => responseSchema('patchWebhook', '200'),
    fields: [...WEBHOOK_FIELDS, '_Links'],
  },
  {
    // seeds/004_c05cf042a57efd1d.txt: the sample's _Links
    seed: 'seeds/004_c05cf042a57efd1d.txt',
    what: '_Links',
    schema: () => propertySchema(responseSchema('patchWebhook', '200'), '_Links'),
    fields: ['Self', 'Archive'],
  },
];

interface SeedStatusRow {
  seed: string;
  id: string;
  statuses: number[];
}

const SEED_STATUSES: SeedStatusRow[] = [
  { seed: 'seeds/000_b1d363702d928572.txt', id: 'createDefaultWebhook', statuses: [200] },
  { seed: 'seeds/001_9797824a90a04707.txt', id: 'getAllWebhooks', statuses: [200] },
  { seed: 'seeds/002_569939bd557dcdf8.txt', id: 'signalEvent', statuses: [204] },
  { seed: 'seeds/003_9c71f5286139e197.txt', id: 'createDefaultWebhook', statuses: [200] },
  { seed: 'seeds/004_c05cf042a57efd1d.txt', id: 'patchWebhook', statuses: [200, 404, 409, 412] },
];

interface SeedParameterRow {
  seed: string;
  id: string;
  parameters: string[];
}

// Query strings, path parts and the one request header the spec models (SO-AppToken is on
// every page; If-Unmodified-Since is named by the PATCH page's 412).
const SEED_PARAMETERS: SeedParameterRow[] = [
  {
    seed: 'seeds/000_b1d363702d928572.txt',
    id: 'createDefaultWebhook',
    parameters: ['SO-AppToken'],
  },
  {
    seed: 'seeds/001_9797824a90a04707.txt',
    id: 'getAllWebhooks',
    parameters: ['$select', 'SO-AppToken'],
  },
  {
    seed: 'seeds/002_569939bd557dcdf8.txt',
    id: 'signalEvent',
    parameters: ['$select', 'SO-AppToken'],
  },
  {
    seed: 'seeds/003_9c71f5286139e197.txt',
    id: 'createDefaultWebhook',
    parameters: ['SO-AppToken'],
  },
  {
    seed: 'seeds/004_c05cf042a57efd1d.txt',
    id: 'patchWebhook',
    parameters: ['id', '$select', 'If-Unmodified-Since', 'SO-AppToken'],
  },
];

describe('the seed pages are in the spec', () => {
  it.each(SEED_FIELDS.map((row) => [row.seed, row.what, row] as const))(
    '%s: %s',
    (_seed, _what, row) => {
      const names = propertyNames(row.schema());
      expect(row.fields.filter((field) => !names.has(field))).toEqual([]);
    },
  );

  it.each(SEED_STATUSES.map((row) => [row.seed, row.id, row] as const))(
    '%s: %s statuses',
    (_seed, _id, row) => {
      expect(statusKeys(row.id)).toEqual(expect.arrayContaining(row.statuses));
    },
  );

  it.each(SEED_PARAMETERS.map((row) => [row.seed, row.id, row] as const))(
    '%s: %s parameters',
    (_seed, _id, row) => {
      expect(parameterNames(row.id)).toEqual(expect.arrayContaining(row.parameters));
    },
  );

  it('seeds/004_c05cf042a57efd1d.txt: JSON Patch ops add, replace, remove, test; merge patch', () => {
    const operation = propertySchema(
      requestSchema('patchWebhook', 'application/json-patch+json'),
      'op',
    );
    const ops = isObject(operation) && Array.isArray(operation.enum) ? operation.enum : [];
    expect(ops).toEqual(expect.arrayContaining(['add', 'replace', 'remove', 'test']));
    expect(requestSchema('patchWebhook', 'application/merge-patch+json')).toBeDefined();
  });

  it('seeds/000_b1d363702d928572.txt: State takes the names of 1=Active, 2=Stopped, 3=TooManyErrors', () => {
    const state = schemaNode({ $ref: '#/components/schemas/WebhookState' }, []);
    expect(state.enum).toEqual(['Unknown', 'Active', 'Stopped', 'TooManyErrors']);
  });

  it("seeds/001_9797824a90a04707.txt, seeds/004_c05cf042a57efd1d.txt: Type names the plugin, 'webhook' or 'crmscript'", () => {
    const type = schemaNode({ $ref: '#/components/schemas/WebhookType' }, []);
    // A plain string in the vendor Swagger ("Name of plugin that handles this webhook").
    expect(type.enum).toBeUndefined();
    expect(type.examples).toEqual(['webhook', 'crmscript']);
    expect(String(type.description)).toContain("'crmscript' for script invocations");
  });

  it('every seed page names Basic, SoTicket and Bearer: the three security schemes', () => {
    const components = isObject(spec.components) ? spec.components : {};
    const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
    const names = Object.values(schemes).map((s) => (isObject(s) ? String(s.scheme) : ''));
    expect(names.map((n) => n.toLowerCase()).sort()).toEqual(['basic', 'bearer', 'soticket']);
  });
});
