// The fixture validator: fixtures/fixture.schema.json (generated from the spec by
// scripts/fixture-schema.mjs) compiled once with Ajv's 2020-12 dialect, which the spec's
// `unevaluatedProperties` needs. Problems are "<JSON pointer>: <what is wrong>", every one.
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { FIXTURES_DIR } from './paths.js';

export const FIXTURE_SCHEMA_PATH = `${FIXTURES_DIR}fixture.schema.json`;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema: unknown = JSON.parse(readFileSync(FIXTURE_SCHEMA_PATH, 'utf8'));
    // allowUnionTypes: the spec's nullable fields are `type: [string, 'null']` (OpenAPI 3.1).
    const ajv = createAjv({
      allErrors: true,
      allowUnionTypes: true,
      // Unknown keywords and formats still throw (strictSchema); the spec composes with allOf
      // and $ref without repeating `type`, which strictTypes/strictRequired would refuse.
      strict: true,
      strictTypes: false,
      strictRequired: false,
    });
    compiled = ajv.compile(schema as object);
  }
  return compiled;
}

const pointer = (base: string, key: unknown): string =>
  `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function describe(error: ErrorObject): string {
  const at = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return `${pointer(error.instancePath, params.additionalProperty)}: unknown field`;
  }
  if (error.keyword === 'unevaluatedProperties') {
    return `${pointer(error.instancePath, params.unevaluatedProperty)}: unknown field`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return `${at}: ${error.message ?? 'invalid'} (${allowed})`;
  }
  if (error.keyword === 'type' && Array.isArray(params.type)) {
    return `${at}: must be ${params.type.join(' or ')}`;
  }
  return `${at}: ${error.message ?? 'invalid'}`;
}

/**
 * A nullable member that fails has its "must be null" branch and the oneOf summary reported
 * too; those say nothing the real problem does not, so they go when anything else is left.
 */
function meaningful(errors: readonly ErrorObject[]): readonly ErrorObject[] {
  const noise = (e: ErrorObject) =>
    e.keyword === 'oneOf' ||
    e.keyword === 'anyOf' ||
    (e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null');
  const rest = errors.filter((e) => !noise(e));
  return rest.length > 0 ? rest : errors;
}

/** Every problem of `data` as a fixture, "<JSON pointer>: <problem>"; empty when valid. */
export function fixtureProblems(data: unknown): string[] {
  const validate = validator();
  if (validate(data)) return [];
  return [...new Set(meaningful(validate.errors ?? []).map(describe))];
}
