// Every example in the document validates against the schema it is shown with.
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  allRefs,
  at,
  follow,
  HTTP_METHODS,
  isObject,
  escapeToken,
  refTokens,
  spec,
  type JsonObject,
  type Located,
} from './spec-document.js';

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
