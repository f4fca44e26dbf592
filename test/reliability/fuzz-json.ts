// fast-check generators of hostile JSON: trees whose keys include __proto__/constructor/
// prototype at any depth, wrong types, huge strings, deep nesting, spellings only JSON.parse
// takes, text that is not JSON, and invalid UTF-8 bytes.
import fc from 'fast-check';
import { WEBHOOK_FIELDS } from '../../src/domain/webhook.js';

export type Tree =
  | { kind: 'lit'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'arr'; items: Tree[] }
  | { kind: 'obj'; entries: Array<[string, Tree]> };

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const OTHER_NAMES = ['Webhook', 'EventName', 'PrimaryKey', 'Data', 'NameFilter', 'EventFilter'];
const NAMES = [...WEBHOOK_FIELDS, ...OTHER_NAMES, 'StatusFilter', 'op', 'path', 'value', 'from'];

/** Any case a client might send: the docs' PascalCase, camelCase, lower and upper. */
export const anyCase = (name: string) =>
  fc.constantFrom(
    name,
    name[0]!.toLowerCase() + name.slice(1),
    name.toLowerCase(),
    name.toUpperCase(),
  );

export const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
  { weight: 12, arbitrary: fc.constantFrom(...NAMES).chain(anyCase) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** Strings up to a few hundred KB (kept below --max-body even when escaped). */
export const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom('x', 'é', '𝄞', '"', '\u0000'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / (unit === '\u0000' ? 6 : 2))));

const oddValues = fc.constantFrom(
  'Active',
  'Stopped',
  'TooManyErrors',
  'Unknown',
  'webhook',
  'crmscript',
  'Email',
  2,
  7,
  -1,
  'https://127.0.0.1/hook',
  'http://127.0.0.1:1/x',
  'ftp://127.0.0.1/',
  'javascript:alert(1)',
  'not a url',
  '',
  ' ',
  '0001-01-01T00:00:00',
  '2026-13-45T99:99:99Z',
  2147483648,
  1e300,
  -0,
  'contact.created',
  'webhook1.started',
  '*',
  'a'.repeat(300),
);

export const leaf: fc.Arbitrary<Tree> = fc
  .oneof(
    { weight: 3, arbitrary: oddValues },
    { weight: 2, arbitrary: fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double()) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: hugeString },
  )
  .map((value) => ({ kind: 'lit', value }));

/** Number and value spellings JSON.parse takes that JSON.stringify never writes. */
const rawLeaf: fc.Arbitrary<Tree> = fc
  .constantFrom('1e999', '-1e999', '12345678901234567890', '-0', '1E+2', '"\\ud800"', '"\\u0000"')
  .map((text) => ({ kind: 'raw', text }));

/** A deep chain of arrays or objects, from well inside to far beyond the nesting limit. */
const deep: fc.Arbitrary<Tree> = fc
  .tuple(fc.integer({ min: 20, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => ({
    kind: 'raw',
    text: arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  }));

export const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; arr: Tree; obj: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 20, arbitrary: leaf },
    { weight: 1, arbitrary: rawLeaf },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: tie('arr') },
    { weight: 3, arbitrary: tie('obj') },
  ),
  arr: fc.array(tie('node'), { maxLength: 4 }).map((items): Tree => ({ kind: 'arr', items })),
  obj: fc
    .array(fc.tuple(key, tie('node')), { maxLength: 6 })
    .map((entries): Tree => ({ kind: 'obj', entries })),
})).node;

/** JSON text of a tree; keys are written as given, so `__proto__` becomes a real member. */
export function serialize(t: Tree): string {
  switch (t.kind) {
    case 'lit':
      return JSON.stringify(t.value) ?? 'null';
    case 'raw':
      return t.text;
    case 'arr':
      return `[${t.items.map(serialize).join(',')}]`;
    case 'obj':
      return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
  }
}

/** A webhook-shaped object: known fields (any case) with hostile values, plus stray keys. */
export const webhookTree: fc.Arbitrary<Tree> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...WEBHOOK_FIELDS).chain(anyCase), key), tree), {
    maxLength: 8,
  })
  .map((entries) => ({ kind: 'obj', entries }));

/** Byte sequences no UTF-8 decoder may accept (stray, truncated, overlong, surrogate). */
const INVALID_UTF8 = [
  [0xff],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xf0, 0x28, 0x8c, 0xbc],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xfe, 0xff],
];

const NOT_JSON = [
  '{"Name":',
  'nul',
  '[1,]',
  '{"a":1}{"b":2}',
  "{'a':1}",
  '\uFEFF{}',
  '{"a":undefined}',
  ' ',
  'NaN',
];

/** The bytes of a body: JSON text, text that is not JSON, or JSON with invalid UTF-8 inside. */
export function bodyBytes(shape: fc.Arbitrary<Tree>): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 16, arbitrary: shape.map((t) => Buffer.from(serialize(t))) },
    { weight: 1, arbitrary: fc.constantFrom(...NOT_JSON).map((text) => Buffer.from(text)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(shape, fc.constantFrom(...INVALID_UTF8), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([t, bad, at]) => {
          const text = Buffer.from(serialize(t));
          const cut = Math.floor(text.length * at);
          return Buffer.concat([text.subarray(0, cut), Buffer.from(bad), text.subarray(cut)]);
        }),
    },
  );
}
