// The published RFC 6902 test suite (json-patch-tests, npm json-patch-test-suite) against
// src/domain's JSON Patch: first as the RFC has it (`move` and `copy` enabled), then with the
// API's options, where the one deviation is that a patch using `move` or `copy` is refused
// (spec/README.md, the JSON Patch row). Cases the suite marks `disabled` are skipped, as its
// README asks.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, type JsonPatchOptions } from './json-patch.js';
import type { JsonValue } from './json-pointer.js';

interface SuiteCase {
  comment?: string;
  doc: JsonValue;
  patch: unknown[];
  expected?: JsonValue;
  error?: string;
  disabled?: boolean;
}

const require = createRequire(import.meta.url);
const suites: Record<string, SuiteCase[]> = {
  'tests.json': require('json-patch-test-suite/tests.json') as SuiteCase[],
  'spec_tests.json': require('json-patch-test-suite/spec_tests.json') as SuiteCase[],
};

const usesMoveOrCopy = (patch: unknown[]) =>
  patch.some((op) => ['move', 'copy'].includes(String((op as { op?: unknown } | null)?.op)));

function check(suiteCase: SuiteCase, options: JsonPatchOptions): void {
  const result = applyJsonPatch(suiteCase.doc, suiteCase.patch, options);
  if (suiteCase.error !== undefined) expect(result.ok).toBe(false);
  else if ('expected' in suiteCase) expect(result).toEqual({ ok: true, doc: suiteCase.expected });
  else expect(result.ok).toBe(true);
}

const API: JsonPatchOptions = { caseInsensitive: true };

describe('RFC 6902 test suite (json-patch-test-suite) against src/domain', () => {
  for (const [file, cases] of Object.entries(suites)) {
    cases.forEach((suiteCase, index) => {
      const name = `${file} #${index}: ${suiteCase.comment ?? suiteCase.error ?? 'no comment'}`;
      it.skipIf(suiteCase.disabled === true)(`as RFC 6902: ${name}`, () => {
        check(suiteCase, { allowMoveCopy: true });
      });
      it.skipIf(suiteCase.disabled === true)(`with the API's options: ${name}`, () => {
        if (!usesMoveOrCopy(suiteCase.patch)) return check(suiteCase, API);
        const result = applyJsonPatch(suiteCase.doc, suiteCase.patch, API);
        expect(result).toMatchObject({ ok: false });
        // Refused for the operation, unless the patch was malformed before reaching it.
        if (suiteCase.error === undefined)
          expect(result).toMatchObject({ reason: 'unsupported-op' });
      });
    });
  }
});
