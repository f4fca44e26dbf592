// Our spec against the vendor's generated Swagger 2.0 files (spec/vendor/), mechanically: every
// difference in operations, parameters and their `required` flags, body names, statuses,
// consumes/produces, entity fields, their types and enums becomes one line of text. The test
// then subtracts the allow-list of intended differences (allowed-differences.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Json => (isObject(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const SPEC_PATH = fileURLToPath(new URL('../../spec/webhook.openapi.yaml', import.meta.url));
const VENDOR_FILES = ['Swagger-v1-Webhook.json', 'Swagger-v1-WebhookAgent.json'].map((name) =>
  fileURLToPath(new URL(`../../spec/vendor/${name}`, import.meta.url)),
);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Vendor definition → our schema holding the same fields. */
export const ENTITY_MAP: Record<string, string> = {
  'SuperOffice.CRM.Services.Webhook': 'WebhookFields',
  'SuperOffice.CRM.Services.Associate': 'Associate',
  'SuperOffice.CRM.Security.TableRight': 'TableRight',
  'SuperOffice.CRM.Security.FieldProperty': 'FieldProperty',
  'SuperOffice.CRM.Security.FieldRight': 'FieldProperty.FieldRight',
  'SuperOffice.WebApi.v1.Carriers.WebhookCarriers.WebhookWithLinks': 'WebhookWithLinks',
  'SuperOffice.CRM.Services.WebhookResult': 'WebhookResult',
  'SuperOffice.WebApi.v1.Carriers.WebhookCarriers.GetAllWebhooksRequest': 'GetAllWebhooksRequest',
  'SuperOffice.WebApi.v1.Carriers.WebhookCarriers.TestWebhookRequest': 'TestWebhookRequest',
  'SuperOffice.WebApi.v1.Carriers.WebhookCarriers.SignalEventRequest': 'SignalEventRequest',
  'SuperOffice.WebApi.v1.Carriers.WebhookCarriers.GetLastErrorRequest': 'GetLastErrorRequest',
};
/** Our schemas that carry a vendor definition's fields under another name (request/response
 * variants of one entity). */
const SAME_ENTITY: Record<string, string> = {
  Webhook: 'WebhookFields',
  WebhookResponse: 'WebhookFields',
};
const ourEntityNames = new Set(Object.values(ENTITY_MAP));

const pathKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;

// ---------------------------------------------------------------------------------------------
// Our spec: local $refs, allOf flattening, nullable unions
// ---------------------------------------------------------------------------------------------

class OurSpec {
  constructor(readonly doc: Json) {}

  resolve(node: unknown): Json {
    let current = obj(node);
    for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops++) {
      current = obj(this.at(current.$ref));
    }
    return current;
  }

  at(ref: string): unknown {
    return ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, token) => obj(node)[token.replace(/~1/g, '/')], this.doc);
  }

  /** A component schema, or `Schema.Property` for an entity our spec nests inline. */
  schema(name: string): Json {
    const [component = '', property] = name.split('.');
    const schema = obj(obj(obj(this.doc.components).schemas)[component]);
    return property ? this.resolve(this.properties(schema)[property]) : schema;
  }

  /** Properties of a schema, through allOf and $ref. */
  properties(node: unknown): Json {
    const schema = this.resolve(node);
    const own = obj(schema.properties);
    return list(schema.allOf).reduce<Json>(
      (merged, part) => ({ ...merged, ...this.properties(part) }),
      { ...own },
    );
  }
}

const refName = (node: unknown): string | undefined => {
  const ref = obj(node).$ref;
  return typeof ref === 'string' ? ref.split('/').at(-1) : undefined;
};

/** `oneOf: [X, {type: 'null'}]` is X: Swagger 2.0 cannot say null, so nullability is not compared. */
function withoutNull(node: unknown): unknown {
  const branches = list(obj(node).oneOf).filter((b) => obj(b).type !== 'null');
  return branches.length === 1 ? branches[0] : node;
}

/** A comparable description of a type: `string`, `integer/int32`, `ref:Associate`, `array<…>`. */
function ourType(spec: OurSpec, node: unknown): string {
  const bare = withoutNull(node);
  const name = refName(bare);
  if (name && (ourEntityNames.has(name) || name in SAME_ENTITY)) {
    return `ref:${SAME_ENTITY[name] ?? name}`;
  }
  const schema = spec.resolve(bare);
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t) => t !== 'null' && t !== undefined,
  );
  const type = types.length === 0 && isObject(schema.properties) ? 'object' : types.join('|');
  if (type === 'array') return `array<${ourType(spec, schema.items)}>`;
  const format = typeof schema.format === 'string' ? `/${schema.format}` : '';
  const values = list(schema.enum).filter((v) => v !== null);
  return `${type}${format}${values.length > 0 ? ` enum(${values.join(',')})` : ''}`;
}

function vendorType(node: unknown): string {
  const schema = obj(node);
  const name = refName(schema);
  // An entity our spec nests inline compares as an object; its fields are compared on their own.
  if (name) return ENTITY_MAP[name]?.includes('.') ? 'object' : `ref:${ENTITY_MAP[name] ?? name}`;
  if (schema.type === 'array') return `array<${vendorType(schema.items)}>`;
  const format = typeof schema.format === 'string' ? `/${schema.format}` : '';
  const values = list(schema.enum);
  return `${String(schema.type)}${format}${values.length > 0 ? ` enum(${values.join(',')})` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

interface Op {
  params: Map<string, boolean>;
  body?: { name: string; required: boolean; type: string };
  statuses: Set<string>;
  consumes: Set<string>;
  produces: Set<string>;
  success?: string;
}

function vendorOps(swagger: Json): Map<string, Op> {
  const ops = new Map<string, Op>();
  for (const [path, item] of Object.entries(obj(swagger.paths))) {
    for (const [method, raw] of Object.entries(obj(item))) {
      const op = obj(raw);
      const params = new Map<string, boolean>();
      let body: Op['body'];
      for (const p of list(op.parameters).map(obj)) {
        if (p.in === 'body') {
          body = {
            name: String(p.name),
            required: p.required === true,
            type: vendorType(p.schema),
          };
        } else params.set(`${String(p.in)} ${String(p.name)}`, p.required === true);
      }
      const responses = obj(op.responses);
      const ok = Object.keys(responses).find((code) => code.startsWith('2'));
      ops.set(pathKey(method, path), {
        params,
        body,
        statuses: new Set(Object.keys(responses)),
        consumes: new Set(list(op.consumes).map(String)),
        produces: new Set(list(op.produces).map(String)),
        success:
          ok && obj(responses[ok]).schema ? vendorType(obj(responses[ok]).schema) : undefined,
      });
    }
  }
  return ops;
}

function ourOps(spec: OurSpec): Map<string, Op> {
  const ops = new Map<string, Op>();
  for (const [path, rawItem] of Object.entries(obj(spec.doc.paths))) {
    const item = obj(rawItem);
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      const op = obj(item[method]);
      const params = new Map<string, boolean>();
      for (const p of [...list(item.parameters), ...list(op.parameters)].map((n) =>
        spec.resolve(n),
      )) {
        params.set(`${String(p.in)} ${String(p.name)}`, p.required === true);
      }
      const requestBody = spec.resolve(op.requestBody);
      const content = obj(requestBody.content);
      const first = Object.values(content)[0];
      const body = isObject(op.requestBody)
        ? {
            name: String(op['x-codegen-request-body-name'] ?? '(unnamed)'),
            required: requestBody.required === true,
            type: ourType(spec, obj(first).schema),
          }
        : undefined;
      const responses = obj(op.responses);
      const produces = new Set<string>();
      let success: string | undefined;
      for (const [code, response] of Object.entries(responses)) {
        if (!code.startsWith('2')) continue;
        const media = obj(spec.resolve(response).content);
        for (const type of Object.keys(media)) produces.add(type);
        const json = obj(media['application/json']).schema;
        if (json) success = ourType(spec, json);
      }
      ops.set(pathKey(method, path), {
        params,
        body,
        statuses: new Set(Object.keys(responses)),
        consumes: new Set(Object.keys(content)),
        produces,
        success,
      });
    }
  }
  return ops;
}

function compareSets(key: string, what: string, vendor: Set<string>, ours: Set<string>): string[] {
  return [
    ...[...vendor].filter((v) => !ours.has(v)).map((v) => `${key}: ${what} ${v} not in ours`),
    ...[...ours].filter((v) => !vendor.has(v)).map((v) => `${key}: ${what} ${v} not in vendor`),
  ];
}

function compareOp(key: string, vendor: Op, ours: Op): string[] {
  const out: string[] = [];
  for (const [name, required] of vendor.params) {
    if (!ours.params.has(name)) out.push(`${key}: parameter ${name} not in ours`);
    else if (ours.params.get(name) !== required) {
      out.push(`${key}: parameter ${name} required vendor=${required} ours=${!required}`);
    }
  }
  for (const name of ours.params.keys()) {
    if (!vendor.params.has(name)) out.push(`${key}: parameter ${name} not in vendor`);
  }
  if (vendor.body && !ours.body) out.push(`${key}: body ${vendor.body.name} not in ours`);
  if (!vendor.body && ours.body) out.push(`${key}: body ${ours.body.name} not in vendor`);
  if (vendor.body && ours.body) {
    const [v, o] = [vendor.body, ours.body];
    if (v.name !== o.name) out.push(`${key}: body named ${v.name} in vendor, ${o.name} in ours`);
    if (v.required !== o.required) {
      out.push(`${key}: body required vendor=${v.required} ours=${o.required}`);
    }
    if (v.type !== o.type) out.push(`${key}: body type vendor=${v.type} ours=${o.type}`);
  }
  out.push(...compareSets(key, 'status', vendor.statuses, ours.statuses));
  out.push(...compareSets(key, 'consumes', vendor.consumes, ours.consumes));
  out.push(...compareSets(key, 'produces', vendor.produces, ours.produces));
  if (vendor.success !== ours.success) {
    out.push(`${key}: success type vendor=${vendor.success} ours=${ours.success}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

function compareEntity(spec: OurSpec, vendorName: string, vendorDef: Json): string[] {
  const ourName = ENTITY_MAP[vendorName];
  if (!ourName) return [`definition ${vendorName}: not mapped to one of ours`];
  const key = `schema ${ourName}`;
  const ours = spec.properties(spec.schema(ourName));
  const theirs = obj(vendorDef.properties);
  const out: string[] = [];
  for (const [field, schema] of Object.entries(theirs)) {
    if (!(field in ours)) out.push(`${key}.${field}: not in ours`);
    else {
      const [v, o] = [vendorType(schema), ourType(spec, ours[field])];
      if (v !== o) out.push(`${key}.${field}: type vendor=${v} ours=${o}`);
    }
  }
  for (const field of Object.keys(ours)) {
    if (!(field in theirs)) out.push(`${key}.${field}: not in vendor`);
  }
  return out;
}

/** Every difference between the spec at `specPath` and the vendor's Swagger, as text. */
export function vendorDifferences(specPath: string = SPEC_PATH): string[] {
  const spec = new OurSpec(obj(parse(readFileSync(specPath, 'utf8'))));
  const vendor = new Map<string, Op>();
  const definitions = new Map<string, Json>();
  for (const file of VENDOR_FILES) {
    const swagger = obj(JSON.parse(readFileSync(file, 'utf8')));
    for (const [key, op] of vendorOps(swagger)) vendor.set(key, op);
    for (const [name, def] of Object.entries(obj(swagger.definitions))) {
      definitions.set(name, obj(def));
    }
  }
  const ours = ourOps(spec);
  const out: string[] = [];
  for (const [key, op] of vendor) {
    const mine = ours.get(key);
    if (!mine) out.push(`${key}: operation not in ours`);
    else out.push(...compareOp(key, op, mine));
  }
  for (const key of ours.keys()) if (!vendor.has(key)) out.push(`${key}: operation not in vendor`);
  for (const [name, def] of definitions) out.push(...compareEntity(spec, name, def));
  return [...new Set(out)];
}
