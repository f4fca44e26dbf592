// Rules that name a number of fields (`The 14 fields always present`) say it in prose, in
// rules.ts and in spec/README.md's rows. The numbers are the spec's: a field added to or removed
// from WebhookRequiredFields, or a v11+ field added, must change every one of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MATRIX } from './rules.js';

const spec = parse(
  readFileSync(new URL('../../spec/webhook.openapi.yaml', import.meta.url), 'utf8'),
) as {
  components: { schemas: Record<string, { required?: string[]; properties?: object }> };
};
const readme = readFileSync(new URL('../../spec/README.md', import.meta.url), 'utf8');
const schemas = spec.components.schemas;
const always = schemas.WebhookRequiredFields?.required ?? [];
/** The older fields are the always-present ones but `ErrorsEmail`, which later pages added. */
const older = always.filter((field) => field !== 'ErrorsEmail');

const COUNTED: Array<[pattern: RegExp, count: number]> = [
  [/^The (\d+) fields always present/, always.length],
  [/^The (\d+) older Webhook fields/, older.length],
];

describe('counts in rule names are the spec’s', () => {
  it.each(COUNTED)('%s', (pattern, count) => {
    expect(count).toBeGreaterThan(0);
    const rules = MATRIX.filter((rule) => pattern.test(rule.rule));
    expect(rules.length).toBe(1);
    for (const rule of rules) expect(Number(pattern.exec(rule.rule)?.[1])).toBe(count);
    const rows = readme.split('\n').filter((line) => pattern.test(line.replace(/^\| /, '')));
    expect(rows.length).toBe(1);
    for (const row of rows) expect(Number(pattern.exec(row.replace(/^\| /, ''))?.[1])).toBe(count);
  });

  it('every always-present field is a Webhook field', () => {
    const fields = Object.keys(schemas.WebhookFields?.properties ?? {});
    expect(always.filter((field) => !fields.includes(field))).toEqual([]);
  });
});
