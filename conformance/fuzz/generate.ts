// Requests generated from the OpenAPI document: for an operation, a path with its parameters
// filled in, query parameters and a body built from the spec's own schemas, then — for about
// half of them — one deliberate flaw (a required member dropped, a member of the wrong type, an
// unknown member, broken JSON, an unsupported media type, a bad path id). Seeded: the same seed
// gives the same requests. Every URL a body names points at the run's receiver, never elsewhere.
import type { Contract, Operation } from '../../src/http/contract.js';
import { isRecord } from '../expect.js';

export type Random = () => number;

/** mulberry32: small, fast and good enough to pick requests reproducibly. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: Random, from: readonly T[]): T =>
  from[Math.floor(random() * from.length)] as T;

/** What the generator may use for the run's own names and URLs. */
export interface FuzzValues {
  webhookId: number;
  name: string;
  event: string;
  targetUrl: string;
}

export interface FuzzRequest {
  operation: Operation;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** The flaw put in on purpose, if any (shown when the answer is wrong). */
  flaw?: string;
}

const STRINGS = ['', 'x', 'Ünïcødé ✓', 'a'.repeat(300), '0', 'null'];
const INTEGERS = [0, 1, -1, 42, 2_147_483_647];

/** A value for a member the run's own data must fill, so nothing outside the run is touched. */
function named(member: string, v: FuzzValues, random: Random): unknown {
  switch (member.toLowerCase()) {
    case 'name':
    case 'namefilter':
      return v.name;
    case 'targeturl':
      return pick(random, [v.targetUrl, v.targetUrl, 'http://', 'not a url']);
    case 'events':
      return [v.event];
    case 'eventname':
    case 'eventfilter':
      return v.event;
    case 'webhookid':
      return pick(random, [v.webhookId, v.webhookId, 0, 2_147_483_647]);
    default:
      return undefined;
  }
}

function fromSchema(schema: unknown, v: FuzzValues, random: Random, depth = 0): unknown {
  if (!isRecord(schema) || depth > 4) return null;
  const choices = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (Array.isArray(choices) && choices.length > 0) {
    return fromSchema(pick(random, choices), v, random, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign(
      {},
      ...schema.allOf.map((s) => fromSchema(s, v, random, depth + 1)).filter(isRecord),
    );
  }
  if (Array.isArray(schema.enum)) return pick(random, schema.enum);
  const type = Array.isArray(schema.type) ? pick(random, schema.type) : schema.type;
  if (type === 'object' || isRecord(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const out: Record<string, unknown> = {};
    for (const [member, sub] of Object.entries(
      isRecord(schema.properties) ? schema.properties : {},
    )) {
      if (!required.has(member) && random() < 0.4) continue;
      out[member] = named(member, v, random) ?? fromSchema(sub, v, random, depth + 1);
    }
    return out;
  }
  if (type === 'array') {
    const count = Math.floor(random() * 3);
    return Array.from({ length: count }, () => fromSchema(schema.items, v, random, depth + 1));
  }
  if (type === 'integer' || type === 'number') return pick(random, INTEGERS);
  if (type === 'boolean') return random() < 0.5;
  if (type === 'null') return null;
  if (schema.format === 'date-time') return new Date(0).toISOString();
  return pick(random, STRINGS);
}

function fillPath(template: string, v: FuzzValues, random: Random): string {
  return template
    .replace('{id}', String(pick(random, [v.webhookId, v.webhookId, v.webhookId, 2_147_483_647])))
    .replace('{eventName}', v.event)
    .replace('{primaryKey}', String(pick(random, [1, 77, 0])));
}

type Flaw = (r: FuzzRequest, random: Random) => string | undefined;

const FLAWS: Flaw[] = [
  (r) => {
    if (!isRecord(r.body)) return undefined;
    const [first] = Object.keys(r.body);
    if (first === undefined) return undefined;
    delete r.body[first];
    return `member ${first} dropped`;
  },
  (r) => {
    if (!isRecord(r.body)) return undefined;
    const [first] = Object.keys(r.body);
    if (first === undefined) return undefined;
    r.body[first] = typeof r.body[first] === 'number' ? 'not a number' : 12345;
    return `member ${first} of the wrong type`;
  },
  (r) => {
    if (!isRecord(r.body)) return undefined;
    r.body.FuzzUnknownMember = 1;
    return 'an unknown member';
  },
  (r) => {
    if (r.body === undefined) return undefined;
    r.rawBody = JSON.stringify(r.body).slice(0, -1);
    r.headers['content-type'] = 'application/json';
    return 'broken JSON';
  },
  (r) => {
    if (r.body === undefined) return undefined;
    r.rawBody = 'plain text';
    r.headers['content-type'] = 'text/plain';
    return 'an unsupported media type';
  },
  (r, random) => {
    if (!/\{id\}/.test(r.operation.path)) return undefined;
    r.path = r.operation.path.replace('{id}', pick(random, ['abc', '-1', '1.5', '99999999999']));
    return 'a path id that is not an int32';
  },
  (r) => {
    const [name] = Object.keys(r.query);
    if (name === undefined) return undefined;
    r.query[name] = 'not-a-valid-value-%';
    return `query ${name} garbled`;
  },
];

export function generateRequest(
  contract: Contract,
  operation: Operation,
  v: FuzzValues,
  random: Random,
): FuzzRequest {
  const request: FuzzRequest = {
    operation,
    method: operation.method.toUpperCase(),
    path: fillPath(operation.path, v, random),
    query: {},
    headers: {},
  };
  for (const name of contract.queryParameters(operation.id)) {
    if (random() < 0.5) continue;
    const value =
      named(name, v, random) ??
      fromSchema(contract.queryParameterSchema(operation.id, name), v, random);
    request.query[name] = String(value);
  }
  const media = contract.requestMediaTypes(operation.id);
  if (media.length > 0) {
    const type = media.includes('application/json') ? 'application/json' : (media[0] as string);
    request.headers['content-type'] = type;
    request.body = fromSchema(contract.requestSchema(operation.id, type), v, random);
  }
  if (random() < 0.5) {
    const flaws = [...FLAWS].sort(() => random() - 0.5);
    for (const flaw of flaws) {
      const said = flaw(request, random);
      if (said !== undefined) {
        request.flaw = said;
        break;
      }
    }
  }
  return request;
}
