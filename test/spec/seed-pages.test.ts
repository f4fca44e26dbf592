// Every field and status printed in the five seed pages appears in the spec (docs/sources.md lists
// the pages; spec/README.md maps them to the spec).
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

/** CreateDefaultWebhook's RegisteredAssociate.FieldProperties.<field> (docs/sources.md seed 003). */
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
  // docs/sources.md seed 000 and docs/sources.md seed 003 (13 rows)
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
// docs/sources.md seed 001 and docs/sources.md seed 004 add ErrorsEmail.
const WEBHOOK_FIELDS = [...WEBHOOK_FIELDS_OLD, 'ErrorsEmail'];

interface SeedFieldRow {
  seed: string;
  what: string;
  schema: () => unknown;
  fields: string[];
}

const SEED_FIELDS: SeedFieldRow[] = [
  {
    seed: 'docs/sources.md seed 000',
    what: 'CreateDefaultWebhook 200 body (Webhook)',
    schema: () => responseSchema('createDefaultWebhook', '200'),
    fields: WEBHOOK_FIELDS_OLD,
  },
  {
    seed: 'docs/sources.md seed 003',
    what: 'CreateDefaultWebhook 200 body (Webhook)',
    schema: () => responseSchema('createDefaultWebhook', '200'),
    fields: WEBHOOK_FIELDS_OLD,
  },
  {
    // docs/sources.md seed 003: the sample's RegisteredAssociate / UpdatedAssociate
    seed: 'docs/sources.md seed 003',
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
    // docs/sources.md seed 003: FieldProperties.fieldName
    seed: 'docs/sources.md seed 003',
    what: 'Associate.FieldProperties entry',
    schema: () => fieldPropertySchema(),
    fields: ['FieldRight', 'FieldType', 'FieldLength'],
  },
  {
    // docs/sources.md seed 003: FieldRight { Mask, Reason }
    seed: 'docs/sources.md seed 003',
    what: 'FieldRight',
    schema: () => propertySchema(fieldPropertySchema(), 'FieldRight'),
    fields: ['Mask', 'Reason'],
  },
  {
    seed: 'docs/sources.md seed 001',
    what: 'GetAllWebhooks request body',
    schema: () => requestSchema('getAllWebhooks'),
    fields: ['NameFilter', 'EventFilter', 'StatusFilter'],
  },
  {
    seed: 'docs/sources.md seed 001',
    what: 'GetAllWebhooks 200 body (array of Webhook)',
    schema: () => responseSchema('getAllWebhooks', '200'),
    fields: WEBHOOK_FIELDS,
  },
  {
    seed: 'docs/sources.md seed 002',
    what: 'SignalEvent request body',
    schema: () => requestSchema('signalEvent'),
    fields: ['EventName', 'PrimaryKey', 'Data'],
  },
  {
    seed: 'docs/sources.md seed 004',
    what: 'PATCH request body (JSON Patch operation)',
    schema: () => requestSchema('patchWebhook', 'application/json-patch+json'),
    fields: ['op', 'path', 'value'],
  },
  {
    seed: 'docs/sources.md seed 004',
    what: 'PATCH 200 body (WebhookWithLinks)',
    schema: () => responseSchema('patchWebhook', '200'),
    fields: [...WEBHOOK_FIELDS, '_Links'],
  },
  {
    // docs/sources.md seed 004: the sample's _Links
    seed: 'docs/sources.md seed 004',
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
  { seed: 'docs/sources.md seed 000', id: 'createDefaultWebhook', statuses: [200] },
  { seed: 'docs/sources.md seed 001', id: 'getAllWebhooks', statuses: [200] },
  { seed: 'docs/sources.md seed 002', id: 'signalEvent', statuses: [204] },
  { seed: 'docs/sources.md seed 003', id: 'createDefaultWebhook', statuses: [200] },
  { seed: 'docs/sources.md seed 004', id: 'patchWebhook', statuses: [200, 404, 409, 412] },
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
    seed: 'docs/sources.md seed 000',
    id: 'createDefaultWebhook',
    parameters: ['SO-AppToken'],
  },
  {
    seed: 'docs/sources.md seed 001',
    id: 'getAllWebhooks',
    parameters: ['$select', 'SO-AppToken'],
  },
  {
    seed: 'docs/sources.md seed 002',
    id: 'signalEvent',
    parameters: ['$select', 'SO-AppToken'],
  },
  {
    seed: 'docs/sources.md seed 003',
    id: 'createDefaultWebhook',
    parameters: ['SO-AppToken'],
  },
  {
    seed: 'docs/sources.md seed 004',
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

  it('docs/sources.md seed 004: JSON Patch ops add, replace, remove, test; merge patch', () => {
    const operation = propertySchema(
      requestSchema('patchWebhook', 'application/json-patch+json'),
      'op',
    );
    const ops = isObject(operation) && Array.isArray(operation.enum) ? operation.enum : [];
    expect(ops).toEqual(expect.arrayContaining(['add', 'replace', 'remove', 'test']));
    expect(requestSchema('patchWebhook', 'application/merge-patch+json')).toBeDefined();
  });

  it('docs/sources.md seed 000: State takes the names of 1=Active, 2=Stopped, 3=TooManyErrors', () => {
    const state = schemaNode({ $ref: '#/components/schemas/WebhookState' }, []);
    expect(state.enum).toEqual(['Unknown', 'Active', 'Stopped', 'TooManyErrors']);
  });

  it("docs/sources.md seed 001, docs/sources.md seed 004: Type names the plugin, 'webhook' or 'crmscript'", () => {
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
