import { describe, expect, it } from 'vitest';
import { parseTarget } from './target-urls.js';

describe('parseTarget', () => {
  it('parses a URL once and gives the same answer again', () => {
    const first = parseTarget('http://127.0.0.1:9/hook?a=1');
    expect(first?.host).toBe('127.0.0.1:9');
    expect(first?.search).toBe('?a=1');
    expect(parseTarget('http://127.0.0.1:9/hook?a=1')).toBe(first);
  });

  it('answers null for a string that is not a URL, every time', () => {
    expect(parseTarget('not a url')).toBeNull();
    expect(parseTarget('not a url')).toBeNull();
  });

  it('stays right past its bound and for long strings', () => {
    for (let i = 0; i < 3000; i++) {
      expect(parseTarget(`http://example.test/${i}`)?.pathname).toBe(`/${i}`);
    }
    const long = `http://example.test/${'a'.repeat(5000)}`;
    expect(parseTarget(long)?.pathname.length).toBe(5001);
  });
});
