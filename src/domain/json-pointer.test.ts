import { describe, expect, it } from 'vitest';
import {
  cloneJson,
  evaluatePointer,
  findForbiddenKey,
  findMemberKey,
  formatPointer,
  isForbiddenKey,
  isJsonValue,
  jsonEqual,
  parseArrayIndex,
  parsePointer,
  type JsonValue,
} from './json-pointer.js';

describe('parsePointer', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/State', ['State']],
    ['State', ['State']],
    ['/a/b', ['a', 'b']],
    ['a/b', ['a', 'b']],
    ['/a~1b', ['a/b']],
    ['/m~0n', ['m~n']],
    ['/~01', ['~1']],
    ['~01', ['~1']],
    ['/~10', ['/0']],
    ['/a//b', ['a', '', 'b']],
    ['/foo/0', ['foo', '0']],
    ['/Constructors', ['Constructors']],
  ])('%j → %j', (pointer, segments) => {
    expect(parsePointer(pointer)).toEqual({ ok: true, segments });
  });

  it.each([
    ['/a~2b', 'invalid-path'],
    ['/a~', 'invalid-path'],
    ['~', 'invalid-path'],
    ['/__proto__', 'forbidden-key'],
    ['__proto__', 'forbidden-key'],
    ['/Properties/constructor', 'forbidden-key'],
    ['/a/prototype/b', 'forbidden-key'],
    ['/a~1b/__proto__', 'forbidden-key'],
  ])('%j is refused: %s', (pointer, reason) => {
    expect(parsePointer(pointer)).toMatchObject({ ok: false, reason });
  });
});

describe('formatPointer', () => {
  it.each([
    [[], ''],
    [['State'], '/State'],
    [['a/b', 'm~n'], '/a~1b/m~0n'],
    [[''], '/'],
  ])('%j → %j and back', (segments, pointer) => {
    expect(formatPointer(segments)).toBe(pointer);
    expect(parsePointer(pointer)).toEqual({ ok: true, segments });
  });
});

// RFC 6901 §5: every pointer of the example evaluates to the value listed.
describe('evaluatePointer (RFC 6901 §5)', () => {
  const doc: JsonValue = {
    foo: ['bar', 'baz'],
    '': 0,
    'a/b': 1,
    'c%d': 2,
    'e^f': 3,
    'g|h': 4,
    'i\\j': 5,
    'k"l': 6,
    ' ': 7,
    'm~n': 8,
  };
  it.each([
    ['', doc],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('%j', (pointer, expected) => {
    const parsed = parsePointer(pointer);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(evaluatePointer(doc, parsed.segments, false)).toEqual(expected);
  });

  it.each([
    [['FOO', '1'], false, undefined],
    [['FOO', '1'], true, 'baz'],
    [['foo', '01'], false, undefined],
    [['foo', '2'], false, undefined],
    [['foo', '-'], false, undefined],
    [['foo', '0', 'x'], false, undefined],
    [['missing'], true, undefined],
  ])('%j (case-insensitive %s) → %j', (segments, ci, expected) => {
    expect(evaluatePointer(doc, segments, ci)).toEqual(expected);
  });
});

describe('parseArrayIndex', () => {
  it.each([
    ['0', 2, false, 0],
    ['1', 2, false, 1],
    ['2', 2, false, undefined],
    ['2', 2, true, 2],
    ['3', 2, true, undefined],
    ['-', 2, false, undefined],
    ['-', 2, true, 2],
    ['01', 2, false, undefined],
    ['-1', 2, true, undefined],
    ['1.0', 2, false, undefined],
    ['', 2, true, undefined],
  ])('%j of length %i (insert %s) → %j', (token, length, forInsert, expected) => {
    expect(parseArrayIndex(token, length, forInsert)).toBe(expected);
  });
});

describe('forbidden keys', () => {
  it.each([
    ['__proto__', true],
    ['constructor', true],
    ['prototype', true],
    ['Constructor', false],
    ['proto', false],
  ])('%j → %s', (key, forbidden) => {
    expect(isForbiddenKey(key)).toBe(forbidden);
  });

  it.each([
    ['{"a":1}', undefined],
    ['{"__proto__":{"polluted":1}}', '/__proto__'],
    ['{"a":{"b":[1,{"constructor":{}}]}}', '/a/b/1/constructor'],
    ['[{"x/y":{"prototype":0}}]', '/0/x~1y/prototype'],
    ['["__proto__"]', undefined],
  ])('findForbiddenKey(%s) → %j', (json, expected) => {
    expect(findForbiddenKey(JSON.parse(json) as JsonValue)).toBe(expected);
  });
});

describe('findMemberKey', () => {
  const obj = { State: 1, state: 2, TargetUrl: 3 };
  it.each([
    ['State', false, 'State'],
    ['state', true, 'state'],
    ['STATE', true, 'State'],
    ['targeturl', false, undefined],
    ['targeturl', true, 'TargetUrl'],
    ['toString', true, undefined],
  ])('%j (case-insensitive %s) → %j', (name, ci, expected) => {
    expect(findMemberKey(obj, name, ci)).toBe(expected);
  });
});

describe('isJsonValue', () => {
  it.each([
    [null, true],
    ['s', true],
    [1.5, true],
    [false, true],
    [{ a: [1, { b: null }] }, true],
    [Object.create(null) as unknown, true],
    [undefined, false],
    [Number.NaN, false],
    [Infinity, false],
    [{ a: undefined }, false],
    [[() => 1], false],
    [new Date(0), false],
    [10n, false],
  ])('%o → %s', (value, expected) => {
    expect(isJsonValue(value)).toBe(expected);
  });
});

describe('jsonEqual (RFC 6902 §4.6)', () => {
  it.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [[1, 2], [2, 1], false],
    [[1], [1, 1], false],
    [{ a: 1 }, { a: 1, b: 1 }, false],
    [{ a: null }, { b: null }, false],
    ['10', 10, false],
    [1, 1.0, true],
    [null, {}, false],
    [[], {}, false],
    [{}, {}, true],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });
});

describe('cloneJson', () => {
  it('copies deeply and keeps a "__proto__" member an ordinary own property', () => {
    const source = JSON.parse('{"a":{"b":[1]},"__proto__":{"polluted":1}}') as JsonValue;
    const copy = cloneJson(source);
    expect(copy).toEqual(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = (copy as { a: { b: number[] } }).a;
    nested.b.push(2);
    expect(source).toEqual(JSON.parse('{"a":{"b":[1]},"__proto__":{"polluted":1}}'));
  });
});
