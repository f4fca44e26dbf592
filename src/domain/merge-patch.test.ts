import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.js';
import type { JsonValue } from './json-pointer.js';
import { applyMergePatch, mergePatchToOperations } from './merge-patch.js';

const json = (text: string): JsonValue => JSON.parse(text) as JsonValue;

// RFC 7396 Appendix A: ORIGINAL, PATCH, RESULT, all 15 rows, in the RFC's own notation.
const rfc: [string, string, string][] = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', 'null', 'null'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
];

describe('RFC 7396 Appendix A', () => {
  it.each(rfc)('%s + %s → %s', (original, patch, result) => {
    expect(applyMergePatch(json(original), json(patch))).toEqual({ ok: true, doc: json(result) });
  });

  // The conversion must agree with the merge on every row of the RFC's table.
  it.each(rfc)('as operations: %s + %s → %s', (original, patch, result) => {
    const converted = mergePatchToOperations(json(original), json(patch));
    if (!converted.ok) throw new Error(converted.message);
    expect(applyJsonPatch(json(original), converted.ops)).toEqual({ ok: true, doc: json(result) });
  });
});

const webhook = json('{"Name":"n","State":"Active","Headers":{"X-A":"1"},"Description":"d"}');

describe('case-insensitive member names', () => {
  it.each([
    [
      '{"state":"Stopped"}',
      '{"Name":"n","State":"Stopped","Headers":{"X-A":"1"},"Description":"d"}',
    ],
    ['{"description":null}', '{"Name":"n","State":"Active","Headers":{"X-A":"1"}}'],
    [
      '{"headers":{"x-a":"2","X-B":"3"}}',
      '{"Name":"n","State":"Active","Headers":{"X-A":"2","X-B":"3"},"Description":"d"}',
    ],
    ['{"HEADERS":{"x-a":null}}', '{"Name":"n","State":"Active","Headers":{},"Description":"d"}'],
    [
      '{"newField":1}',
      '{"Name":"n","State":"Active","Headers":{"X-A":"1"},"Description":"d","newField":1}',
    ],
  ])('%s', (patch, result) => {
    const merged = applyMergePatch(webhook, json(patch), { caseInsensitive: true });
    expect(merged).toEqual({ ok: true, doc: json(result) });
    // Member order is kept: PascalCase names stay where they were.
    expect(merged.ok && JSON.stringify(merged.doc)).toBe(JSON.stringify(json(result)));
  });

  it('is case-sensitive by default', () => {
    expect(applyMergePatch({ State: 'Active' }, { state: 'Stopped' })).toEqual({
      ok: true,
      doc: { State: 'Active', state: 'Stopped' },
    });
  });
});

describe('forbidden keys', () => {
  it.each([
    ['{"__proto__":{"polluted":1}}', '/__proto__'],
    ['{"Properties":{"__proto__":{"polluted":1}}}', '/Properties/__proto__'],
    ['{"a":{"constructor":{"prototype":{"polluted":1}}}}', '/a/constructor'],
    ['{"a":[{"prototype":1}]}', '/a/0/prototype'],
    ['{"a":{"__proto__":null}}', '/a/__proto__'],
  ])('%s is refused', (patch, at) => {
    const expected = {
      ok: false,
      reason: 'forbidden-key',
      message: `Forbidden member name at '${at}'`,
    };
    expect(applyMergePatch({ Properties: {} }, json(patch))).toEqual(expected);
    expect(mergePatchToOperations({ Properties: {} }, json(patch))).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a target already holding "__proto__" merges without touching any prototype', () => {
    const result = applyMergePatch(json('{"__proto__":{"polluted":1}}'), { a: 1 });
    if (!result.ok) throw new Error(result.message);
    expect(Object.getPrototypeOf(result.doc)).toBe(Object.prototype);
    expect(Object.keys(result.doc as object)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('mergePatchToOperations', () => {
  it.each([
    ['{"State":"Stopped"}', '[{"op":"replace","path":"/State","value":"Stopped"}]'],
    ['{"Description":null}', '[{"op":"remove","path":"/Description"}]'],
    ['{"Secret":null}', '[]'],
    ['{"Secret":"s"}', '[{"op":"add","path":"/Secret","value":"s"}]'],
    [
      '{"Headers":{"X-B":"2"}}',
      '[{"op":"replace","path":"/Headers","value":{"X-A":"1","X-B":"2"}}]',
    ],
    ['{"Headers":{"X-A":null}}', '[{"op":"replace","path":"/Headers","value":{}}]'],
    ['{"New":{"a":{"b":null}}}', '[{"op":"add","path":"/New","value":{"a":{}}}]'],
    ['{"a/b":1}', '[{"op":"add","path":"/a~1b","value":1}]'],
    ['{}', '[]'],
    ['["x"]', '[{"op":"replace","path":"","value":["x"]}]'],
    ['null', '[{"op":"replace","path":"","value":null}]'],
    [
      '{"Name":"m","Description":null,"Secret":"s"}',
      '[{"op":"replace","path":"/Name","value":"m"},{"op":"remove","path":"/Description"},{"op":"add","path":"/Secret","value":"s"}]',
    ],
  ])('%s → %s', (patch, ops) => {
    expect(mergePatchToOperations(webhook, json(patch))).toEqual({ ok: true, ops: json(ops) });
  });

  it.each([
    ['{"state":"Stopped"}', '[{"op":"replace","path":"/State","value":"Stopped"}]'],
    ['{"description":null}', '[{"op":"remove","path":"/Description"}]'],
    ['{"headers":{"x-a":"2"}}', '[{"op":"replace","path":"/Headers","value":{"X-A":"2"}}]'],
    ['{"secret":"s"}', '[{"op":"add","path":"/secret","value":"s"}]'],
    // The same member twice, in two cases: the second sees the first's result.
    [
      '{"name":null,"NAME":"x"}',
      '[{"op":"remove","path":"/Name"},{"op":"add","path":"/NAME","value":"x"}]',
    ],
  ])('case-insensitive: %s → %s', (patch, ops) => {
    const converted = mergePatchToOperations(webhook, json(patch), { caseInsensitive: true });
    expect(converted).toEqual({ ok: true, ops: json(ops) });
    if (!converted.ok) return;
    const viaOps = applyJsonPatch(webhook, converted.ops, { caseInsensitive: true });
    const direct = applyMergePatch(webhook, json(patch), { caseInsensitive: true });
    expect(viaOps).toEqual(direct);
  });

  it('a non-object target becomes the merged object', () => {
    expect(mergePatchToOperations([1], { a: 1, b: null })).toEqual({
      ok: true,
      ops: [{ op: 'replace', path: '', value: { a: 1 } }],
    });
  });
});

/** Changes every container inside `value`. */
function touchAll(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const children: unknown[] = Object.values(value);
  if (Array.isArray(value)) value.push('touched');
  else Object.assign(value, { touched: 1 });
  children.forEach(touchAll);
}

describe('the inputs are never mutated', () => {
  it.each([
    ['{"Headers":{"X-A":null,"X-B":"2"},"Name":null}'],
    ['{"State":"Stopped","New":{"x":[1]}}'],
    ['["replace all"]'],
  ])('%s', (patchText) => {
    const target = json('{"Name":"n","State":"Active","Headers":{"X-A":"1"}}');
    const patch = json(patchText);
    const before = structuredClone({ target, patch });
    const merged = applyMergePatch(target, patch);
    const converted = mergePatchToOperations(target, patch);
    expect({ target, patch }).toEqual(before);
    // Nothing is shared: changing the outputs leaves the inputs alone.
    if (merged.ok) touchAll(merged.doc);
    if (converted.ok) converted.ops.forEach(touchAll);
    expect({ target, patch }).toEqual(before);
  });
});
