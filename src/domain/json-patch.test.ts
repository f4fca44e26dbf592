import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  type JsonPatchFailureReason,
  type JsonPatchOptions,
} from './json-patch.js';
import type { JsonValue } from './json-pointer.js';

type Row = {
  name: string;
  doc: JsonValue;
  patch: unknown[];
  options?: JsonPatchOptions;
} & ({ expected: JsonValue } | { error: JsonPatchFailureReason; index?: number });

function check(row: Row): void {
  const result = applyJsonPatch(row.doc, row.patch, row.options);
  if ('expected' in row) {
    expect(result).toEqual({ ok: true, doc: row.expected });
  } else {
    expect(result).toMatchObject({ ok: false, reason: row.error, index: row.index ?? 0 });
  }
}

// RFC 6902 Appendix A, every example, with move/copy enabled as the RFC assumes.
const rfc: Row[] = [
  {
    name: 'A.1 adding an object member',
    doc: { foo: 'bar' },
    patch: [{ op: 'add', path: '/baz', value: 'qux' }],
    expected: { baz: 'qux', foo: 'bar' },
  },
  {
    name: 'A.2 adding an array element',
    doc: { foo: ['bar', 'baz'] },
    patch: [{ op: 'add', path: '/foo/1', value: 'qux' }],
    expected: { foo: ['bar', 'qux', 'baz'] },
  },
  {
    name: 'A.3 removing an object member',
    doc: { baz: 'qux', foo: 'bar' },
    patch: [{ op: 'remove', path: '/baz' }],
    expected: { foo: 'bar' },
  },
  {
    name: 'A.4 removing an array element',
    doc: { foo: ['bar', 'qux', 'baz'] },
    patch: [{ op: 'remove', path: '/foo/1' }],
    expected: { foo: ['bar', 'baz'] },
  },
  {
    name: 'A.5 replacing a value',
    doc: { baz: 'qux', foo: 'bar' },
    patch: [{ op: 'replace', path: '/baz', value: 'boo' }],
    expected: { baz: 'boo', foo: 'bar' },
  },
  {
    name: 'A.6 moving a value',
    doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    patch: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    expected: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  },
  {
    name: 'A.7 moving an array element',
    doc: { foo: ['all', 'grass', 'cows', 'eat'] },
    patch: [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    expected: { foo: ['all', 'cows', 'eat', 'grass'] },
  },
  {
    name: 'A.8 testing a value: success',
    doc: { baz: 'qux', foo: ['a', 2, 'c'] },
    patch: [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    expected: { baz: 'qux', foo: ['a', 2, 'c'] },
  },
  {
    name: 'A.9 testing a value: error',
    doc: { baz: 'qux' },
    patch: [{ op: 'test', path: '/baz', value: 'bar' }],
    error: 'test-failed',
  },
  {
    name: 'A.10 adding a nested member object',
    doc: { foo: 'bar' },
    patch: [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    expected: { foo: 'bar', child: { grandchild: {} } },
  },
  {
    name: 'A.11 ignoring unrecognized elements',
    doc: { foo: 'bar' },
    patch: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
    expected: { foo: 'bar', baz: 'qux' },
  },
  {
    name: 'A.12 adding to a nonexistent target',
    doc: { foo: 'bar' },
    patch: [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    error: 'invalid-path',
  },
  {
    // Duplicate members cannot survive JSON.parse (the last one wins), so this becomes a
    // remove of a missing member: still an error, as the RFC requires.
    name: 'A.13 invalid JSON patch document',
    doc: { foo: 'bar' },
    patch: JSON.parse('[{ "op": "add", "path": "/baz", "value": "qux", "op": "remove" }]'),
    error: 'invalid-path',
  },
  {
    name: 'A.14 ~ escape ordering',
    doc: { '/': 9, '~1': 10 },
    patch: [{ op: 'test', path: '/~01', value: 10 }],
    expected: { '/': 9, '~1': 10 },
  },
  {
    name: 'A.15 comparing strings and numbers',
    doc: { '/': 9, '~1': 10 },
    patch: [{ op: 'test', path: '/~01', value: '10' }],
    error: 'test-failed',
  },
  {
    name: 'A.16 adding an array value',
    doc: { foo: ['bar'] },
    patch: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    expected: { foo: ['bar', ['abc', 'def']] },
  },
];

describe('RFC 6902 Appendix A', () => {
  it.each(rfc)('$name', (row) => check({ ...row, options: { allowMoveCopy: true } }));
});

// Further RFC 6902 §4 rules the appendix does not show.
const rules: Row[] = [
  {
    name: 'add "" replaces the document',
    doc: { a: 1 },
    patch: [{ op: 'add', path: '', value: [1] }],
    expected: [1],
  },
  {
    name: 'add replaces an existing member',
    doc: { a: 1 },
    patch: [{ op: 'add', path: '/a', value: 2 }],
    expected: { a: 2 },
  },
  {
    name: 'add at index = length appends',
    doc: [1],
    patch: [{ op: 'add', path: '/1', value: 2 }],
    expected: [1, 2],
  },
  {
    name: 'add past the end',
    doc: [1],
    patch: [{ op: 'add', path: '/2', value: 2 }],
    error: 'invalid-path',
  },
  {
    name: 'add with a leading zero index',
    doc: [1],
    patch: [{ op: 'add', path: '/00', value: 2 }],
    error: 'invalid-path',
  },
  {
    name: 'add below a string',
    doc: { a: 's' },
    patch: [{ op: 'add', path: '/a/b', value: 1 }],
    error: 'invalid-path',
  },
  {
    name: 'remove a missing member',
    doc: { a: 1 },
    patch: [{ op: 'remove', path: '/b' }],
    error: 'invalid-path',
  },
  { name: 'remove "-"', doc: [1], patch: [{ op: 'remove', path: '/-' }], error: 'invalid-path' },
  {
    name: 'remove the whole document',
    doc: { a: 1 },
    patch: [{ op: 'remove', path: '' }],
    error: 'invalid-path',
  },
  {
    name: 'replace a missing member',
    doc: { a: 1 },
    patch: [{ op: 'replace', path: '/b', value: 1 }],
    error: 'invalid-path',
  },
  {
    name: 'replace an array element',
    doc: [1, 2],
    patch: [{ op: 'replace', path: '/1', value: 3 }],
    expected: [1, 3],
  },
  {
    name: 'replace "" replaces the document',
    doc: { a: 1 },
    patch: [{ op: 'replace', path: '', value: null }],
    expected: null,
  },
  {
    name: 'test a missing member',
    doc: { a: 1 },
    patch: [{ op: 'test', path: '/b', value: 1 }],
    error: 'invalid-path',
  },
  {
    name: 'test objects ignore member order',
    doc: { a: { x: 1, y: [1, 2] } },
    patch: [{ op: 'test', path: '/a', value: { y: [1, 2], x: 1 } }],
    expected: { a: { x: 1, y: [1, 2] } },
  },
  {
    name: 'test arrays keep order',
    doc: { a: [1, 2] },
    patch: [{ op: 'test', path: '/a', value: [2, 1] }],
    error: 'test-failed',
  },
  {
    name: 'test a null member',
    doc: { a: null },
    patch: [{ op: 'test', path: '/a', value: null }],
    expected: { a: null },
  },
  {
    name: 'the failing op is reported by index',
    doc: { a: 1 },
    patch: [
      { op: 'replace', path: '/a', value: 2 },
      { op: 'test', path: '/a', value: 1 },
    ],
    error: 'test-failed',
    index: 1,
  },
  {
    name: 'move into its own child',
    doc: { a: { b: 1 } },
    patch: [{ op: 'move', from: '/a', path: '/a/b/c' }],
    options: { allowMoveCopy: true },
    error: 'invalid-path',
  },
  {
    name: 'move from a missing member',
    doc: { a: 1 },
    patch: [{ op: 'move', from: '/b', path: '/c' }],
    options: { allowMoveCopy: true },
    error: 'invalid-path',
  },
  {
    name: 'move onto itself',
    doc: { a: 1 },
    patch: [{ op: 'move', from: '/a', path: '/a' }],
    options: { allowMoveCopy: true },
    expected: { a: 1 },
  },
  {
    name: 'copy is a deep copy',
    doc: { a: { b: [1] } },
    patch: [
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'add', path: '/c/b/-', value: 2 },
    ],
    options: { allowMoveCopy: true },
    expected: { a: { b: [1] }, c: { b: [1, 2] } },
  },
];

describe('RFC 6902 §4 rules', () => {
  it.each(rules)('$name', check);
});

describe('the test-failed message', () => {
  it('names the path and both values', () => {
    const result = applyJsonPatch({ State: 'Stopped' }, [
      { op: 'test', path: '/State', value: 'Active' },
    ]);
    expect(result).toEqual({
      ok: false,
      reason: 'test-failed',
      index: 0,
      message: "Test failed: /State is 'Stopped', not 'Active'",
    });
  });
});

const webhook: JsonValue = { WebhookId: 7, Name: 'n', State: 'Active', Headers: { 'X-A': '1' } };
const ci: JsonPatchOptions = { caseInsensitive: true };

// Paths are case-insensitive; an existing member keeps its own name, a new one the given case.
const caseInsensitive: Row[] = [
  {
    name: 'replace /state',
    doc: webhook,
    options: ci,
    patch: [{ op: 'replace', path: '/state', value: 'Stopped' }],
    expected: { ...webhook, State: 'Stopped' },
  },
  {
    name: 'test /STATE',
    doc: webhook,
    options: ci,
    patch: [{ op: 'test', path: '/STATE', value: 'Active' }],
    expected: webhook,
  },
  {
    name: 'add /name replaces Name in place',
    doc: webhook,
    options: ci,
    patch: [{ op: 'add', path: '/name', value: 'm' }],
    expected: { ...webhook, Name: 'm' },
  },
  {
    name: 'remove /headers/x-a',
    doc: webhook,
    options: ci,
    patch: [{ op: 'remove', path: '/headers/x-a' }],
    expected: { ...webhook, Headers: {} },
  },
  {
    name: 'add /headers/X-New keeps its case',
    doc: webhook,
    options: ci,
    patch: [{ op: 'add', path: '/HEADERS/X-New', value: '2' }],
    expected: { ...webhook, Headers: { 'X-A': '1', 'X-New': '2' } },
  },
  {
    name: 'an exact match wins',
    doc: { a: 1, A: 2 },
    options: ci,
    patch: [{ op: 'replace', path: '/A', value: 3 }],
    expected: { a: 1, A: 3 },
  },
  {
    name: 'case-sensitive by default',
    doc: webhook,
    patch: [{ op: 'replace', path: '/state', value: 'Stopped' }],
    error: 'invalid-path',
  },
  {
    name: 'values are compared exactly',
    doc: webhook,
    options: ci,
    patch: [{ op: 'test', path: '/State', value: 'active' }],
    error: 'test-failed',
  },
];

describe('case-insensitive paths', () => {
  it.each(caseInsensitive)('$name', check);

  it('keeps member order when replacing', () => {
    const result = applyJsonPatch(
      webhook,
      [{ op: 'replace', path: '/state', value: 'Stopped' }],
      ci,
    );
    expect(result.ok && Object.keys(result.doc as object)).toEqual(Object.keys(webhook));
  });
});

// The API's paths may omit the leading slash: "State" = "/State"; "" is still the document.
const leadingSlash: Row[] = [
  {
    name: 'replace State',
    doc: webhook,
    patch: [{ op: 'replace', path: 'State', value: 'Stopped' }],
    expected: { ...webhook, State: 'Stopped' },
  },
  {
    name: 'add Headers/X-B',
    doc: webhook,
    patch: [{ op: 'add', path: 'Headers/X-B', value: '2' }],
    expected: { ...webhook, Headers: { 'X-A': '1', 'X-B': '2' } },
  },
  {
    name: 'remove Name',
    doc: { Name: 'n' },
    patch: [{ op: 'remove', path: 'Name' }],
    expected: {},
  },
  {
    name: 'test state, case-insensitive',
    doc: webhook,
    options: ci,
    patch: [{ op: 'test', path: 'state', value: 'Active' }],
    expected: webhook,
  },
  {
    name: 'move without slashes',
    doc: { a: 1 },
    options: { allowMoveCopy: true },
    patch: [{ op: 'move', from: 'a', path: 'b' }],
    expected: { b: 1 },
  },
];

describe('optional leading slash', () => {
  it.each(leadingSlash)('$name', check);
});

const pollution = '{"__proto__": {"polluted": 1}}';
const forbidden: Row[] = [
  {
    name: 'path /__proto__/polluted',
    doc: {},
    patch: [{ op: 'add', path: '/__proto__/polluted', value: 1 }],
    error: 'forbidden-key',
  },
  {
    name: 'path constructor/prototype',
    doc: {},
    patch: [{ op: 'add', path: 'constructor/prototype/polluted', value: 1 }],
    error: 'forbidden-key',
  },
  {
    name: 'path /Properties/prototype',
    doc: { Properties: {} },
    patch: [{ op: 'replace', path: '/Properties/prototype', value: 1 }],
    error: 'forbidden-key',
  },
  {
    name: 'remove /constructor',
    doc: {},
    patch: [{ op: 'remove', path: '/constructor' }],
    error: 'forbidden-key',
  },
  {
    name: 'from /__proto__',
    doc: {},
    options: { allowMoveCopy: true },
    patch: [{ op: 'copy', from: '/__proto__', path: '/a' }],
    error: 'forbidden-key',
  },
  {
    name: 'value with a parsed __proto__',
    doc: { Properties: {} },
    patch: [{ op: 'add', path: '/Properties', value: JSON.parse(pollution) }],
    error: 'forbidden-key',
  },
  {
    name: 'value with a nested constructor',
    doc: {},
    patch: [{ op: 'add', path: '/a', value: { b: [{ constructor: { prototype: 1 } }] } }],
    error: 'forbidden-key',
  },
  {
    name: 'test value with __proto__',
    doc: { a: {} },
    patch: [{ op: 'test', path: '/a', value: JSON.parse(pollution) }],
    error: 'forbidden-key',
  },
  {
    name: 'whole-document value',
    doc: {},
    patch: [{ op: 'replace', path: '', value: JSON.parse(pollution) }],
    error: 'forbidden-key',
  },
  {
    name: 'the offending op is reported',
    doc: {},
    patch: [
      { op: 'add', path: '/a', value: 1 },
      { op: 'add', path: '/b', value: JSON.parse(pollution) },
    ],
    error: 'forbidden-key',
    index: 1,
  },
];

describe('forbidden keys', () => {
  it.each(forbidden)('$name', (row) => {
    check(row);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a document already holding "__proto__" is copied without touching any prototype', () => {
    const doc = JSON.parse(pollution) as JsonValue;
    const result = applyJsonPatch(doc, [{ op: 'add', path: '/a', value: 1 }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.doc)).toBe(Object.prototype);
    expect(Object.hasOwn(result.doc as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('move and copy', () => {
  it.each([
    ['move', { op: 'move', from: '/a', path: '/b' }],
    ['copy', { op: 'copy', from: '/a', path: '/b' }],
  ])('%s is refused by default', (_name, op) => {
    const result = applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 1 }, op]);
    expect(result).toMatchObject({ ok: false, reason: 'unsupported-op', index: 1 });
  });

  it('a refused op wins over an earlier failing test: the document is malformed', () => {
    const result = applyJsonPatch({ a: 1 }, [
      { op: 'test', path: '/a', value: 2 },
      { op: 'copy', from: '/a', path: '/b' },
    ]);
    expect(result).toMatchObject({ ok: false, reason: 'unsupported-op', index: 1 });
  });
});

const malformed: Row[] = [
  { name: 'not an object', doc: {}, patch: ['add'], error: 'invalid-op' },
  { name: 'null op', doc: {}, patch: [null], error: 'invalid-op' },
  { name: 'an array op', doc: {}, patch: [[]], error: 'invalid-op' },
  { name: 'no op member', doc: {}, patch: [{ path: '/a', value: 1 }], error: 'invalid-op' },
  {
    name: 'unknown op',
    doc: {},
    patch: [{ op: 'increment', path: '/a', value: 1 }],
    error: 'invalid-op',
  },
  {
    name: 'op in another case',
    doc: {},
    patch: [{ op: 'Add', path: '/a', value: 1 }],
    error: 'invalid-op',
  },
  { name: 'no path', doc: {}, patch: [{ op: 'add', value: 1 }], error: 'invalid-op' },
  { name: 'numeric path', doc: [], patch: [{ op: 'add', path: 0, value: 1 }], error: 'invalid-op' },
  { name: 'add without value', doc: {}, patch: [{ op: 'add', path: '/a' }], error: 'invalid-op' },
  {
    name: 'replace with undefined value',
    doc: { a: 1 },
    patch: [{ op: 'replace', path: '/a', value: undefined }],
    error: 'invalid-op',
  },
  {
    name: 'test without value',
    doc: { a: 1 },
    patch: [{ op: 'test', path: '/a' }],
    error: 'invalid-op',
  },
  {
    name: 'move without from',
    doc: { a: 1 },
    options: { allowMoveCopy: true },
    patch: [{ op: 'move', path: '/b' }],
    error: 'invalid-op',
  },
  {
    name: 'a bad escape',
    doc: {},
    patch: [{ op: 'add', path: '/a~2', value: 1 }],
    error: 'invalid-path',
  },
  {
    name: 'a later malformed op',
    doc: { a: 1 },
    patch: [{ op: 'test', path: '/a', value: 2 }, { op: 'remove' }],
    error: 'invalid-op',
    index: 1,
  },
  {
    name: 'remove ignores a value',
    doc: { a: 1 },
    patch: [{ op: 'remove', path: '/a', value: 5 }],
    expected: {},
  },
];

describe('malformed operations', () => {
  it.each(malformed)('$name', check);
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('the input is never mutated', () => {
  const patches: [string, unknown[]][] = [
    ['add', [{ op: 'add', path: '/Headers/X-B', value: { deep: [1] } }]],
    ['remove', [{ op: 'remove', path: '/Events/0' }]],
    ['replace', [{ op: 'replace', path: '/State', value: 'Stopped' }]],
    ['move', [{ op: 'move', from: '/Headers', path: '/Moved' }]],
    ['copy', [{ op: 'copy', from: '/Events', path: '/Copied' }]],
    [
      'failing after changes',
      [
        { op: 'remove', path: '/Name' },
        { op: 'test', path: '/State', value: 'x' },
      ],
    ],
  ];

  it.each(patches)('%s', (_name, patch) => {
    const doc = { Name: 'n', State: 'Active', Events: ['a', 'b'], Headers: { 'X-A': '1' } };
    const snapshot = structuredClone({ doc, patch });
    deepFreeze({ doc, patch });
    const result = applyJsonPatch(doc, patch, { allowMoveCopy: true });
    expect({ doc, patch }).toEqual(snapshot);
    if (!result.ok) return;
    expect(result.doc).not.toBe(doc);
    // The result shares nothing with the inputs: changing it leaves them alone.
    const json = JSON.stringify(result.doc);
    const thaw = JSON.parse(json) as unknown;
    expect(result.doc).toEqual(thaw);
    expect(Object.isFrozen(result.doc)).toBe(false);
    for (const value of Object.values(result.doc as object)) {
      if (typeof value === 'object' && value !== null) expect(Object.isFrozen(value)).toBe(false);
    }
  });
});
