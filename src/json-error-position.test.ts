import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './json-error-position.js';

describe('jsonErrorPosition', () => {
  it.each([
    ['{\n  "users": [,]\n}\n', 2, 13],
    ['{"a": 1,}', 1, 9],
    ['{"a" 1}', 1, 6],
    ['{"a": tru}', 1, 7],
    ['{"a": 01}', 1, 8],
    ['{"a": "x\ny"}', 1, 7],
    ['{"a": 1} x', 1, 10],
    ['[1, 2', 1, 6],
    ['', 1, 1],
  ])('%j fails at line %i, column %i', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toEqual({ line, column });
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e3, "\\u00e9\\n", true, false, null, {}]} \n'])(
    'finds nothing wrong in %j',
    (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonErrorPosition(text)).toBeUndefined();
    },
  );
});
