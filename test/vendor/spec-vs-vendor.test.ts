// The spec against the vendor's machine-readable definitions (spec/vendor/README.md): every
// difference is one the allow-list explains, or the test fails and names it.
// VENDOR_CHECK_SPEC=<path> checks another copy of the spec instead of spec/webhook.openapi.yaml.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ALLOWED_DIFFERENCES, V11_FIELDS } from './allowed-differences.js';
import { SPEC_PATH, vendorDifferences } from './compare.js';

const specPath = process.env.VENDOR_CHECK_SPEC ?? SPEC_PATH;
const readRepo = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

const unexplained = (differences: readonly string[]) =>
  differences.filter((d) => !ALLOWED_DIFFERENCES.some((a) => a.match.test(d)));

describe(`${specPath} against the vendor Swagger`, () => {
  const differences = vendorDifferences(specPath);

  it('differs only where the allow-list says why', () => {
    expect(unexplained(differences)).toEqual([]);
  });

  it('has no allow-list entry that no longer matches anything', () => {
    const stale = ALLOWED_DIFFERENCES.filter((a) => !differences.some((d) => a.match.test(d)));
    expect(stale.map((a) => a.match.source)).toEqual([]);
  });

  it("cites only rows of spec/README.md's Choices table", () => {
    const readme = readRepo('spec/README.md');
    for (const { choice } of ALLOWED_DIFFERENCES) {
      expect(readme, choice).toMatch(new RegExp(`^\\| ${choice} \\|`, 'm'));
    }
  });

  it("finds the v11+ fields in the official client's Webhook carrier", () => {
    const carriers = readRepo('spec/vendor/Carriers.webhook-extract.ts.txt');
    const webhook = /export interface Webhook \{([\s\S]*?)\n\}/.exec(carriers)?.[1];
    expect(webhook).toBeDefined();
    for (const field of V11_FIELDS) {
      const camel = field[0]!.toLowerCase() + field.slice(1);
      expect(webhook, field).toMatch(new RegExp(`\\b${camel}\\?:`));
    }
  });
});

describe('the comparison catches a change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'a field type',
      /^(\s+)Name:\n(\s+)type: \[string, 'null'\]\n(\s+)maxLength: 400\n/m,
      "$1Name:\n$2type: [integer, 'null']\n",
      'schema WebhookFields.Name: type vendor=string ours=integer',
    ],
    [
      'an enum',
      /enum: \[Unknown, Active, Stopped, TooManyErrors\]/,
      'enum: [Unknown, Active, Stopped]',
      'schema WebhookFields.State: type',
    ],
    [
      'a required body',
      /(x-codegen-request-body-name: data\n[\s\S]*?requestBody:\n\s+)required: true/,
      '$1required: false',
      'body required vendor=true ours=false',
    ],
  ])('in %s', (_what, pattern, replacement, expected) => {
    const original = readFileSync(SPEC_PATH, 'utf8');
    const changed = original.replace(pattern, replacement);
    expect(changed).not.toBe(original);
    const copy = join(dir, 'webhook.openapi.yaml');
    writeFileSync(copy, changed);
    const found = unexplained(vendorDifferences(copy));
    expect(found.some((d) => d.includes(expected))).toBe(true);
  });
});
