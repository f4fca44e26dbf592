// Whether a rule a verdict judged is the vendor's or a choice of the contract. A case tagged
// `choice` tests a row of spec/README.md; a schema problem is a choice when it breaks a value
// constraint (minimum, maxLength, pattern, no extra properties, …) that the contract added and
// the vendor's own definitions (spec/vendor/) do not state — `WebhookId minimum: 0`, say.
import { existsSync, readFileSync } from 'node:fs';
import type { Problem } from '../src/http/contract.js';
import type { ConformanceCase, RuleOrigin } from './types.js';

/** Message shapes (ajv, through Prism) of the constraints that only restrict values. */
const VALUE_CONSTRAINTS: [RegExp, string][] = [
  [/must be [<>]=? /, 'minimum'],
  [/must NOT have (more|fewer) than \d+ (characters|items)/, 'maxLength'],
  [/must match pattern/, 'pattern'],
  [/must match format/, 'format'],
  [/must NOT have (unevaluated|additional) properties/, 'additionalProperties'],
];

const VENDOR_FILES = ['Swagger-v1-Webhook.json', 'Swagger-v1-WebhookAgent.json'];

type Definitions = Record<string, { properties?: Record<string, Record<string, unknown>> }>;

/** Property name → the constraint keywords any vendor definition states for it. */
let vendorKeywords: Map<string, Set<string>> | undefined;

function vendorFile(name: string): string {
  // Next to the sources (conformance/) and next to the build (dist/conformance/).
  const candidates = ['../spec/vendor/', '../../spec/vendor/'].map(
    (dir) => new URL(dir + name, import.meta.url),
  );
  const found = candidates.find((url) => existsSync(url));
  if (!found) throw new Error(`the vendor definition ${name} is missing from spec/vendor/`);
  return readFileSync(found, 'utf8');
}

function loadVendorKeywords(): Map<string, Set<string>> {
  const keywords = new Map<string, Set<string>>();
  for (const file of VENDOR_FILES) {
    const { definitions } = JSON.parse(vendorFile(file)) as { definitions: Definitions };
    for (const definition of Object.values(definitions)) {
      for (const [name, schema] of Object.entries(definition.properties ?? {})) {
        const set = keywords.get(name) ?? new Set<string>();
        for (const key of Object.keys(schema)) set.add(key);
        keywords.set(name, set);
      }
    }
  }
  return keywords;
}

/** The property a problem is about: the last non-index segment of its location. */
function propertyOf(problem: Problem): string | undefined {
  const segments = problem.location.split('.').filter((s) => s !== 'body' && !/^\d+$/.test(s));
  return segments.at(-1);
}

/**
 * `minimum on WebhookId` when the problem breaks a value constraint the vendor's definitions do
 * not state for that property; undefined when the vendor states it (or it is not a value
 * constraint: a type, an enum or a missing field is the vendor's too).
 */
export function choiceOfProblem(problem: Problem): string | undefined {
  const keyword = VALUE_CONSTRAINTS.find(([shape]) => shape.test(problem.message))?.[1];
  if (keyword === undefined) return undefined;
  vendorKeywords ??= loadVendorKeywords();
  const property = propertyOf(problem) ?? 'the body';
  const stated = vendorKeywords.get(property);
  if (keyword === 'additionalProperties' && property === 'the body') {
    return 'no extra properties on the entity';
  }
  return stated?.has(keyword) ? undefined : `${keyword} on ${property}`;
}

/** A case's own rule: the vendor's documentation, or a row of spec/README.md. */
export function caseOrigin(testCase: Pick<ConformanceCase, 'tags' | 'source'>): RuleOrigin {
  const choice = testCase.tags.includes('choice') || /^spec C\d+$/.test(testCase.source);
  return choice ? 'choice' : 'documented';
}
