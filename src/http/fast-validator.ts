// Request validation compiled once per operation. It checks what prism-http's validateInput
// checks, with the schemas prism-http parsed and normalised, but calls the compiled Ajv
// functions directly: Prism re-derives URI templates and option pipelines on every request,
// which cost ~100 µs per call on this stack, most of the time a mock request takes.
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../platform/ajv.js';

export interface ParamSpec {
  name: string;
  required: boolean;
  schema: unknown;
}

export interface OperationSchemas {
  /** Request body schema per media type, read-only members already stripped. */
  bodies: ReadonlyMap<string, unknown>;
  bodyRequired: boolean;
  query: readonly ParamSpec[];
  path: readonly ParamSpec[];
  headers: readonly ParamSpec[];
  /** The path template, e.g. /api/v1/Webhook/{id}. */
  template: string;
  bundle: unknown;
}

export interface FastProblem {
  location: string;
  message: string;
}

export interface FastRequest {
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  mediaType?: string | undefined;
}

// Prism's Ajv options (validator/validators/utils.js), so both agree on every verdict.
// validateSchema off: the schemas are the spec's own, linted by spectral in CI, and checking
// them against the 2020-12 meta-schema first cost a tenth of every start.
const OPTIONS = {
  allErrors: true,
  allowUnionTypes: true,
  allowMatchingProperties: true,
  strict: false,
  validateSchema: false,
};
const exact = createAjv({ ...OPTIONS, coerceTypes: false });
const coercing = createAjv({ ...OPTIONS, coerceTypes: true });

/** A schema compiled with the spec's bundled definitions its `$ref`s point into. */
function compile(ajv: Ajv2020, schema: unknown, bundle: unknown): ValidateFunction {
  return ajv.compile({ ...(schema as object), __bundled__: bundle });
}

/** The field a schema refused as unknown, when that is what `error` says. */
function unknownField(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  const name = params.unevaluatedProperty ?? params.additionalProperty;
  return typeof name === 'string' ? name : undefined;
}

function describe(
  errors: ErrorObject[],
  prefix: string,
  kind: string,
  subject: 'Request' | 'Response' = 'Request',
): FastProblem[] {
  // Unknown fields are named, an object's all in one problem: "has unknown fields 'A', 'B'".
  const unknown = new Map<string, { where: string; fields: string[] }>();
  const problems: FastProblem[] = [];
  for (const error of errors) {
    const path = error.instancePath.split('/').filter((s) => s !== '');
    const location = [prefix, ...path].join('.');
    const where = path.length > 0 ? `${kind} ${path.join('.')} ` : '';
    const field = unknownField(error);
    if (field !== undefined) {
      const entry = unknown.get(location) ?? { where, fields: [] };
      entry.fields.push(`'${field}'`);
      unknown.set(location, entry);
      continue;
    }
    const params = error.params as Record<string, unknown>;
    const allowed = Array.isArray(params.allowedValues)
      ? `: ${params.allowedValues.join(', ')}`
      : '';
    problems.push({
      location,
      message: `${subject} ${prefix} ${where}${error.message ?? ''}${allowed}`,
    });
  }
  const named = [...unknown].map(([location, { where, fields }]) => ({
    location,
    message: `${subject} ${prefix} ${where}has ${fields.length === 1 ? 'an unknown field' : 'unknown fields'} ${fields.join(', ')}`,
  }));
  return [...named, ...problems];
}

function paramSchema(specs: readonly ParamSpec[]) {
  return {
    type: 'object',
    properties: Object.fromEntries(specs.map((s) => [s.name.toLowerCase(), s.schema])),
    required: specs.filter((s) => s.required).map((s) => s.name.toLowerCase()),
  };
}

function lowerKeys(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
}

function pathValues(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const found: Record<string, string> = {};
  names.forEach((segment, i) => {
    const match = /^\{(.+)\}$/.exec(segment);
    if (!match) return;
    const raw = values[i] ?? '';
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Left as sent; the parameter's schema decides whether it is acceptable.
    }
    found[(match[1] as string).toLowerCase()] = value;
  });
  return found;
}

/** A response body schema compiled once: its problems for a body, in the request's form. */
export function compileResponseBody(
  schema: unknown,
  bundle: unknown,
): (body: unknown) => FastProblem[] {
  const validate = compile(exact, schema, bundle);
  return (body) =>
    validate(body) ? [] : describe(validate.errors ?? [], 'body', 'property', 'Response');
}

export class CompiledRequestValidator {
  readonly #schemas: OperationSchemas;
  readonly #bodies = new Map<string, ValidateFunction>();
  readonly #params: Array<[keyof FastRequest, string, ValidateFunction | undefined]>;

  constructor(schemas: OperationSchemas) {
    this.#schemas = schemas;
    const compileParams = (specs: readonly ParamSpec[]) =>
      specs.length === 0 ? undefined : this.#compile(coercing, paramSchema(specs));
    this.#params = [
      ['query', 'query', compileParams(schemas.query)],
      ['path', 'path', compileParams(schemas.path)],
      ['headers', 'header', compileParams(schemas.headers)],
    ];
  }

  #compile(ajv: Ajv2020, schema: unknown): ValidateFunction {
    return compile(ajv, schema, this.#schemas.bundle);
  }

  #body(mediaType: string | undefined): ValidateFunction | undefined {
    const { bodies } = this.#schemas;
    const key = mediaType && bodies.has(mediaType) ? mediaType : bodies.keys().next().value;
    if (key === undefined) return undefined;
    let validate = this.#bodies.get(key);
    if (!validate) {
      validate = this.#compile(exact, bodies.get(key));
      this.#bodies.set(key, validate);
    }
    return validate;
  }

  /** Compiles every body schema now instead of on the first body of its media type. */
  compileBodies(): void {
    for (const mediaType of this.#schemas.bodies.keys()) this.#body(mediaType);
  }

  /** The body's problems alone: what the operation's request body schema says of `body`. */
  validateBody(body: unknown, mediaType: string | undefined): FastProblem[] {
    if (body === undefined) {
      return this.#schemas.bodyRequired
        ? [{ location: 'body', message: 'Body parameter is required' }]
        : [];
    }
    const validate = this.#body(mediaType);
    return validate && !validate(body) ? describe(validate.errors ?? [], 'body', 'property') : [];
  }

  validate(request: FastRequest): FastProblem[] {
    const problems = this.validateBody(request.body, request.mediaType);
    for (const [source, prefix, validate] of this.#params) {
      if (!validate) continue;
      const values =
        source === 'path'
          ? pathValues(this.#schemas.template, request.path)
          : lowerKeys({ ...(source === 'query' ? request.query : request.headers) });
      if (!validate(values)) problems.push(...describe(validate.errors ?? [], prefix, 'parameter'));
    }
    return problems;
  }
}
