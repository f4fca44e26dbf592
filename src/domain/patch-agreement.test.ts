// src/domain's patches and the conformance model's (conformance/cases/patch-model.ts: the
// fast-json-patch and json-merge-patch libraries plus the API's own additions) must agree on
// the API's documents: if they drift, either the mock or the runner's verdicts are wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  modelJsonPatch,
  modelMergePatch,
  type JsonDocument,
} from '../../conformance/cases/patch-model.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';

const small = fc.oneof(
  fc.constantFrom('x', 'y', 'Active', 'Stopped', ''),
  fc.integer({ min: -2, max: 9 }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  small,
  fc.array(small, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('p', 'q', 'X-A'), small, { maxKeys: 2, noNullPrototype: true }),
);
const headers = fc.dictionary(fc.constantFrom('X-A', 'X-B', 'x-c'), fc.constantFrom('1', 'two'), {
  maxKeys: 3,
  noNullPrototype: true,
});

/** A webhook's patchable members, as the API stores them. */
const webhook: fc.Arbitrary<JsonDocument> = fc.record({
  Name: fc.constantFrom('a', 'b'),
  Events: fc.array(fc.constantFrom('contact.created', 'sale.changed'), { maxLength: 3 }),
  State: fc.constantFrom('Active', 'Stopped', 'TooManyErrors'),
  ErrorsEmail: fc.option(fc.constantFrom('a@example.com'), { nil: null }),
  Headers: fc.option(headers, { nil: null }),
  Properties: fc.option(
    fc.dictionary(fc.constantFrom('p', 'q'), value, { maxKeys: 2, noNullPrototype: true }),
    {
      nil: null,
    },
  ),
});

const path = fc.constantFrom(
  '/Name',
  '/State',
  'state',
  '/ERRORSEMAIL',
  '/Events/0',
  '/Events/1',
  '/Events/-',
  '/Events/7',
  '/Events/01',
  '/Headers/X-A',
  '/headers/x-a',
  '/Headers/X-New',
  '/Properties/p',
  '/Properties/p/0',
  '/Properties/q/X-A',
  '/Nope',
  '/Nope/deeper',
);
const operation = fc.oneof(
  fc.record({ op: fc.constantFrom('add', 'replace', 'test'), path, value }),
  fc.record({ op: fc.constant('remove'), path }),
  fc.record({ op: fc.constantFrom('bogus', 'add'), path }),
  fc.record({ op: fc.constant('replace'), value }),
);

describe('src/domain and the conformance model agree', () => {
  it('on JSON Patch: same success and document, or the same status', () => {
    fc.assert(
      fc.property(webhook, fc.array(operation, { minLength: 1, maxLength: 4 }), (doc, ops) => {
        const mine = applyJsonPatch(doc, ops, { caseInsensitive: true });
        const model = modelJsonPatch(doc, ops);
        if (mine.ok) expect(model).toEqual({ ok: true, doc: mine.doc });
        else
          expect(model).toEqual({ ok: false, status: mine.reason === 'test-failed' ? 409 : 400 });
      }),
      { numRuns: 2000 },
    );
  });

  it('on JSON Merge Patch: the same document', () => {
    const patch = fc.dictionary(
      fc.constantFrom('Name', 'ErrorsEmail', 'Headers', 'Properties', 'Events'),
      fc.oneof(value, headers),
      { maxKeys: 3, noNullPrototype: true },
    );
    fc.assert(
      fc.property(webhook, patch, (doc, merge) => {
        const mine = applyMergePatch(doc, merge);
        expect(mine.ok && modelMergePatch(doc, merge)).toEqual({
          ok: true,
          doc: mine.ok && mine.doc,
        });
      }),
      { numRuns: 1000 },
    );
  });
});
