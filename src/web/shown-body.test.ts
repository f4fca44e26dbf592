import { describe, expect, it } from 'vitest';
import { shownBody } from './shown-body.js';

describe('shownBody', () => {
  it('indents JSON like JSON.stringify when it fits', () => {
    const body = '{"a":[1,{"b":null}],"c":"x","d":{},"e":[]}';
    expect(shownBody(body)).toEqual({
      text: JSON.stringify(JSON.parse(body), null, 2),
      cut: false,
    });
  });

  it('stops at the depth limit and at the length limit', () => {
    const deep = shownBody('[[[[1]]]]', { maxChars: 1000, maxDepth: 2 });
    expect(deep).toEqual({ text: '[\n  [\n    […]\n  ]\n]', cut: true });
    const long = shownBody(JSON.stringify(Array.from({ length: 500 }, (_, i) => i)), {
      maxChars: 50,
      maxDepth: 5,
    });
    expect(long.cut).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(51);
  });

  it('shows text that is not JSON as it is, up to the limit', () => {
    expect(shownBody('plain')).toEqual({ text: 'plain', cut: false });
    expect(shownBody('x'.repeat(100), { maxChars: 10, maxDepth: 5 })).toEqual({
      text: `${'x'.repeat(10)}…`,
      cut: true,
    });
  });

  it('keeps a hostile nesting small', () => {
    const shown = shownBody('['.repeat(3500) + ']'.repeat(3500));
    expect(shown.cut).toBe(true);
    expect(shown.text.length).toBeLessThan(1000);
  });
});
