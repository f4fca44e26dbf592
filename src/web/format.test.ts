import { describe, expect, it } from 'vitest';
import { clockTime, firstLine, plural, prettyJson, statusTone } from './format.js';

describe('format', () => {
  it('shows the UTC clock time of an ISO stamp', () => {
    expect(clockTime('2024-05-01T08:09:10.123Z')).toBe('08:09:10Z');
    expect(clockTime('yesterday')).toBe('yesterday');
  });

  it('indents JSON and leaves other text alone', () => {
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson('not json')).toBe('not json');
  });

  it.each([
    [200, 'ok'],
    [201, 'bad'],
    [302, 'bad'],
    [404, 'bad'],
    [500, 'bad'],
    [null, 'bad'],
    [undefined, 'none'],
  ] as const)('colours status %s as %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });

  it('counts and cuts', () => {
    expect(plural(1, 'attempt')).toBe('1 attempt');
    expect(plural(3, 'attempt')).toBe('3 attempts');
    expect(firstLine('HTTP/1.1 500 Boom\r\nContent-Type: x')).toBe('HTTP/1.1 500 Boom');
    expect(firstLine(null)).toBe('');
    expect(firstLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
