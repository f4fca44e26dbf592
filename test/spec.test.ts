// The contract checked against itself and against the vendor's reference pages:
//  1. every one of the 18 operations is there, with the statuses the pages document plus the
//     ones spec/README.md's choices add (and nothing else);
//  2. every example in the document validates against the schema it is shown with;
//  3. every field and status printed in the five seed pages appears in the spec.
// The seed pages are cited by file name (seeds/<file>); see spec/README.md for the full map.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const SPEC_PATH = fileURLToPath(new URL('../spec/webhook.openapi.yaml', import.meta.url));

type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const doc: unknown = parse(readFileSync(SPEC_PATH, 'utf8'));
if (!isObject(doc)) throw new Error(`${SPEC_PATH} is not a YAML mapping`);
const spec: JsonObject = doc;

// ---------------------------------------------------------------------------------------------
// JSON pointers and local $refs (every $ref in the document is '#/components/...')
// ---------------------------------------------------------------------------------------------

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');
const pointer = (tokens: readonly string[]): string =>
  tokens.map((t) => `/${escapeToken(t)}`).join('');

function at(tokens: readonly string[]): unknown {
  let node: unknown = spec;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

function refTokens(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are expected, found "${ref}"`);
  return ref.slice(2).split('/').map(unescapeToken);
}

/** A node and where it really lives, after following `$ref`s (for non-schema objects). */
interface Located {
  node: JsonObject;
  tokens: string[];
  /** The component name the last `$ref` pointed at, if any. */
  refName?: string;
}

function follow(node: unknown, tokens: string[]): Located {
  let current = node;
  let where = tokens;
  let refName: string | undefined;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 10) throw new Error(`$ref loop at ${pointer(tokens)}`);
    where = refTokens(current.$ref);
    refName = where.at(-1);
    current = at(where);
    if (current === undefined) throw new Error(`Unresolved $ref at ${pointer(tokens)}`);
  }
  if (!isObject(current)) throw new Error(`Expected an object at ${pointer(where)}`);
  return refName === undefined
    ? { node: current, tokens: where }
    : { node: current, tokens: where, refName };
}

function allRefs(node: unknown, tokens: string[] = [], out: [string, string][] = []) {
  if (Array.isArray(node)) node.forEach((item, i) => allRefs(item, [...tokens, String(i)], out));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push([pointer(tokens), value]);
      else allRefs(value, [...tokens, key], out);
    }
  }
  return out;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// ---------------------------------------------------------------------------------------------
// 1. The 18 operations
// ---------------------------------------------------------------------------------------------

interface OperationRow {
  id: string;
  method: string;
  path: string;
  /** Statuses the seed pages or the reference (§1a, §1b, §5) list for the endpoint. */
  documented: number[];
  /** Statuses the spec adds; the choice (spec/README.md) is named in the comment. */
  added: number[];
}

const OPERATIONS: OperationRow[] = [
  // Agents, reference §1b. 400 = C2/C11, 401 = C3, 406 = C12, 413 = C2, 415 = C12, 503 = C2.
  {
    id: 'createDefaultWebhook', // seeds/000_b1d363702d928572.txt, seeds/003_9c71f5286139e197.txt
    method: 'POST',
    path: '/api/v1/Agents/Webhook/CreateDefaultWebhook',
    documented: [200],
    added: [400 /* C2: a bad Prefer header */, 401, 406],
  },
  {
    id: 'saveWebhook', // reference §1b A2; 400 from reference §2c (client fixture)
    method: 'POST',
    path: '/api/v1/Agents/Webhook/SaveWebhook',
    documented: [200, 400],
    added: [401, 404 /* C7 */, 406, 413, 415],
  },
  {
    id: 'deleteWebhookAgent', // reference §1b A3; unknown id is 204 (C5)
    method: 'POST',
    path: '/api/v1/Agents/Webhook/DeleteWebhook',
    documented: [204],
    added: [400, 401],
  },
  {
    id: 'getWebhookAgent', // reference §1b A4; unknown id is 200 null (C4)
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetWebhook',
    documented: [200],
    added: [400, 401, 406],
  },
  {
    id: 'getAllWebhooks', // seeds/001_9797824a90a04707.txt
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetAllWebhooks',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'testWebhookAgent', // reference §1b A6, §2b
    method: 'POST',
    path: '/api/v1/Agents/Webhook/TestWebhook',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'signalEvent', // seeds/002_569939bd557dcdf8.txt
    method: 'POST',
    path: '/api/v1/Agents/Webhook/SignalEvent',
    documented: [204],
    added: [400, 401, 413, 415, 503],
  },
  {
    id: 'getLastError', // reference §1b A8
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetLastError',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  // REST, reference §1a (R1–R10).
  {
    id: 'getDefaultWebhook', // reference §1a R1
    method: 'GET',
    path: '/api/v1/Webhook/default',
    documented: [200],
    added: [400 /* C2: a bad Prefer header */, 401, 406],
  },
  {
    id: 'getWebhookList', // reference §1a R2
    method: 'GET',
    path: '/api/v1/Webhook',
    documented: [200],
    added: [400, 401, 406],
  },
  {
    id: 'postWebhook', // reference §1a R3; 400 from reference §2c / §5
    method: 'POST',
    path: '/api/v1/Webhook',
    documented: [200, 400],
    added: [401, 404 /* C7 */, 406, 413, 415],
  },
  {
    id: 'getWebhook', // reference §1a R4
    method: 'GET',
    path: '/api/v1/Webhook/{id}',
    documented: [200, 404],
    added: [400, 401, 406],
  },
  {
    id: 'putWebhook', // reference §1a R5
    method: 'PUT',
    path: '/api/v1/Webhook/{id}',
    documented: [200, 400],
    added: [401, 404 /* C6 */, 406, 412 /* C10 */, 413, 415],
  },
  {
    id: 'patchWebhook', // seeds/004_c05cf042a57efd1d.txt, reference §1a R7
    method: 'PATCH',
    path: '/api/v1/Webhook/{id}',
    documented: [200, 404, 409, 412],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'deleteWebhook', // reference §1a R6
    method: 'DELETE',
    path: '/api/v1/Webhook/{id}',
    documented: [204],
    added: [400, 401, 404 /* C6 */, 412 /* C10 */],
  },
  {
    id: 'testWebhook', // reference §1a R8
    method: 'POST',
    path: '/api/v1/Webhook/Test',
    documented: [200],
    added: [400, 401, 406, 413, 415],
  },
  {
    id: 'signalWebhookEvent', // reference §1a R9
    method: 'POST',
    path: '/api/v1/Webhook/{eventName}/{primaryKey}',
    documented: [204],
    added: [400, 401, 413, 415, 503],
  },
  {
    id: 'getWebhookLastError', // reference §1a R10
    method: 'GET',
    path: '/api/v1/Webhook/{id}/LastError',
    documented: [200],
    added: [400, 401, 404 /* C6 */, 406],
  },
];

const statusesOf = (operation: IHttpOperation): number[] =>
  operation.responses.map((r) => Number(r.code)).sort((a, b) => a - b);

describe('the 18 Webhook operations', () => {
  let operations: IHttpOperation[] = [];
  const find = (id: string): IHttpOperation => {
    const found = operations.find((o) => o.iid === id);
    if (!found) throw new Error(`The spec has no operation "${id}"`);
    return found;
  };

  beforeAll(async () => {
    operations = await getHttpOperationsFromSpec(SPEC_PATH);
  });

  it('has exactly the 18 operations of the table, each once', () => {
    expect(OPERATIONS).toHaveLength(18);
    expect(operations.map((o) => o.iid).sort()).toEqual(OPERATIONS.map((o) => o.id).sort());
  });

  it.each(OPERATIONS)('$method $path ($id)', (row) => {
    const operation = find(row.id);
    expect(operation.method.toUpperCase()).toBe(row.method);
    expect(operation.path).toBe(row.path);
    expect(statusesOf(operation)).toEqual(expect.arrayContaining(row.documented));
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

// ---------------------------------------------------------------------------------------------
// 2. Every example validates against its own schema
// ---------------------------------------------------------------------------------------------

interface ExampleCase {
  name: string;
  /** Pointer of the schema the example belongs to. */
  schemaAt: string[];
  /** Undefined when the example object has no `value`: the test then fails. */
  value: unknown;
  hasValue: boolean;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];

/** Schema-level `example` / `examples`, anywhere inside the schema at `tokens`. */
function schemaExamples(schema: unknown, tokens: string[], label: string, out: ExampleCase[]) {
  // A `$ref` is not followed: its target is walked where it is defined.
  if (!isObject(schema)) return;
  if ('example' in schema) {
    out.push({ name: `${label} example`, schemaAt: tokens, value: schema.example, hasValue: true });
  }
  if (Array.isArray(schema.examples)) {
    schema.examples.forEach((value: unknown, i) =>
      out.push({ name: `${label} examples[${i}]`, schemaAt: tokens, value, hasValue: true }),
    );
  }
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (isObject(map)) {
      for (const [name, sub] of Object.entries(map)) {
        schemaExamples(sub, [...tokens, key, name], `${label}.${name}`, out);
      }
    }
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) {
      list.forEach((sub: unknown, i) =>
        schemaExamples(sub, [...tokens, key, String(i)], `${label}.${key}[${i}]`, out),
      );
    }
  }
  for (const key of SCHEMA_SINGLES) {
    if (key in schema) schemaExamples(schema[key], [...tokens, key], `${label}.${key}`, out);
  }
}

/** Examples of an object that has a `schema` (media type, parameter or header). */
function carrierExamples(carrier: Located, label: string, out: ExampleCase[]) {
  const { node, tokens } = carrier;
  if (!('schema' in node)) return;
  const schemaAt = [...tokens, 'schema'];
  schemaExamples(node.schema, schemaAt, `${label} schema`, out);
  if ('example' in node) {
    out.push({ name: `${label} example`, schemaAt, value: node.example, hasValue: true });
  }
  if (isObject(node.examples)) {
    for (const [key, entry] of Object.entries(node.examples)) {
      const example = follow(entry, [...tokens, 'examples', key]);
      const via = example.refName === undefined ? '' : ` (${example.refName})`;
      out.push({
        name: `${label} examples.${key}${via}`,
        schemaAt,
        value: example.node.value,
        hasValue: 'value' in example.node,
      });
    }
  }
}

function contentExamples(owner: Located, label: string, out: ExampleCase[]) {
  const content = owner.node.content;
  if (!isObject(content)) return;
  for (const mediaType of Object.keys(content)) {
    carrierExamples(
      follow(content[mediaType], [...owner.tokens, 'content', mediaType]),
      `${label} ${mediaType}`,
      out,
    );
  }
}

function headerExamples(owner: Located, label: string, out: ExampleCase[]) {
  const headers = owner.node.headers;
  if (!isObject(headers)) return;
  for (const name of Object.keys(headers)) {
    const header = headers[name];
    // Referenced headers are walked where they are defined.
    if (isObject(header) && '$ref' in header) continue;
    carrierExamples(
      follow(header, [...owner.tokens, 'headers', name]),
      `${label} header ${name}`,
      out,
    );
  }
}

function parameterExamples(list: unknown, tokens: string[], label: string, out: ExampleCase[]) {
  if (!Array.isArray(list)) return;
  list.forEach((parameter: unknown, i) => {
    // Referenced parameters are walked under components.parameters.
    if (isObject(parameter) && '$ref' in parameter) return;
    const located = follow(parameter, [...tokens, String(i)]);
    carrierExamples(located, `${label} parameter ${String(located.node.name)}`, out);
  });
}

/** Operations under `paths` or `webhooks`; referenced request bodies and responses are walked
 * under components, so each (example, schema) pair is checked once. */
function pathItemExamples(group: 'paths' | 'webhooks', out: ExampleCase[]) {
  const items = spec[group];
  if (!isObject(items)) return;
  for (const [route, item] of Object.entries(items)) {
    if (!isObject(item)) continue;
    parameterExamples(item.parameters, [group, route, 'parameters'], `${route}`, out);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const tokens = [group, route, method];
      const label = `${method.toUpperCase()} ${route}`;
      parameterExamples(operation.parameters, [...tokens, 'parameters'], label, out);
      const body = operation.requestBody;
      if (isObject(body) && !('$ref' in body)) {
        contentExamples({ node: body, tokens: [...tokens, 'requestBody'] }, `${label} body`, out);
      }
      const responses = operation.responses;
      if (!isObject(responses)) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!isObject(response) || '$ref' in response) continue;
        const located = { node: response, tokens: [...tokens, 'responses', status] };
        contentExamples(located, `${label} ${status}`, out);
        headerExamples(located, `${label} ${status}`, out);
      }
    }
  }
}

function componentExamples(out: ExampleCase[]) {
  const components = spec.components;
  if (!isObject(components)) return;
  const section = (name: string): [string, JsonObject][] => {
    const value = components[name];
    return isObject(value)
      ? Object.entries(value).flatMap(([k, v]): [string, JsonObject][] =>
          isObject(v) ? [[k, v]] : [],
        )
      : [];
  };
  for (const [name, body] of section('requestBodies')) {
    const located = { node: body, tokens: ['components', 'requestBodies', name] };
    contentExamples(located, `requestBodies/${name}`, out);
  }
  for (const [name, response] of section('responses')) {
    const located = { node: response, tokens: ['components', 'responses', name] };
    contentExamples(located, `responses/${name}`, out);
    headerExamples(located, `responses/${name}`, out);
  }
  for (const [name, parameter] of section('parameters')) {
    const located = { node: parameter, tokens: ['components', 'parameters', name] };
    carrierExamples(located, `parameters/${name}`, out);
  }
  for (const [name, header] of section('headers')) {
    const located = { node: header, tokens: ['components', 'headers', name] };
    carrierExamples(located, `headers/${name}`, out);
  }
  for (const [name, schema] of section('schemas')) {
    schemaExamples(schema, ['components', 'schemas', name], `schemas/${name}`, out);
  }
}

const EXAMPLES: ExampleCase[] = [];
pathItemExamples('paths', EXAMPLES);
pathItemExamples('webhooks', EXAMPLES);
componentExamples(EXAMPLES);

// The whole document is registered with Ajv under one id, so a schema anywhere in it is
// compiled from `${SPEC_ID}#<pointer>` and its '#/components/...' refs resolve against the
// document root, recursive schemas (MDOListItem.ChildItems) included.
const SPEC_ID = 'urn:so-webhook-mock:openapi';
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addSchema({ ...structuredClone(spec), $id: SPEC_ID });

const validators = new Map<string, ValidateFunction>();
function validatorAt(tokens: readonly string[]): ValidateFunction {
  const fragment = tokens.map((t) => `/${encodeURIComponent(escapeToken(t))}`).join('');
  let validate = validators.get(fragment);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#${fragment}` });
    validators.set(fragment, validate);
  }
  return validate;
}

describe('examples', () => {
  it('the walker finds the examples (more than 20)', () => {
    expect(EXAMPLES.length).toBeGreaterThan(20);
    const names = EXAMPLES.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every $ref is local to #/components/ and resolves', () => {
    const refs = allRefs(spec);
    expect(refs.length).toBeGreaterThan(0);
    for (const [where, ref] of refs) {
      expect(ref, where).toMatch(/^#\/components\//);
      expect(at(refTokens(ref)), `${where} → ${ref}`).toBeDefined();
    }
  });

  it('every named example under components.examples is used, so none goes unchecked', () => {
    const used = new Set(allRefs(spec).map(([, ref]) => ref));
    const named = Object.keys(isObject(spec.components) ? (spec.components.examples ?? {}) : {});
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !used.has(`#/components/examples/${name}`))).toEqual([]);
  });

  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', (_name, example) => {
    expect(example.hasValue, 'the example object has no value').toBe(true);
    const validate = validatorAt(example.schemaAt);
    const valid = validate(example.value);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Every field and status of the five seed pages is in the spec
// ---------------------------------------------------------------------------------------------

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
