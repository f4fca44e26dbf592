import { describe, expect, it } from 'vitest';
import { bodyFormatOf, negotiate } from './media-types.js';

describe('negotiate (RFC 9110 §12.5.1; spec/README.md C12, C23)', () => {
  it.each([
    [undefined, undefined, 'application/json'],
    ['', 'text/xml; charset=utf-8', 'text/xml'],
    [undefined, 'application/json', 'application/json'],
    ['application/xml', undefined, 'application/xml'],
    ['TEXT/XML', undefined, 'text/xml'],
    ['application/xml;q=0.5, application/json', undefined, 'application/json'],
    ['application/xml, application/json', undefined, 'application/json'],
    ['*/*;q=0.1, text/xml;q=0.2', undefined, 'text/xml'],
    ['application/*', undefined, 'application/json'],
    ['text/*', undefined, 'text/json'],
    ['application/json;q=0, */*', undefined, 'text/json'],
    ['application/vnd.api+json', undefined, 'application/json'],
    ['image/png', undefined, undefined],
    ['application/xml;q=0', undefined, undefined],
    ['application/xml;q=abc', undefined, 'application/xml'],
  ])('Accept %s with Content-Type %s → %s', (accept, contentType, expected) => {
    expect(negotiate(accept, contentType)).toBe(expected);
  });

  it('stays linear on a long Accept', () => {
    const accept = Array.from({ length: 5000 }, (_, i) => `type/x${i};q=0.${i % 10}`).join(', ');
    expect(negotiate(`${accept}, text/xml`, undefined)).toBe('text/xml');
  });
});

describe('bodyFormatOf', () => {
  it.each([
    ['application/json', 'json'],
    ['text/json', 'json'],
    ['application/merge-patch+json', 'json'],
    ['application/xml', 'xml'],
    ['text/xml', 'xml'],
    ['application/x-www-form-urlencoded', 'form'],
    ['text/plain', undefined],
  ])('%s → %s', (type, format) => {
    expect(bodyFormatOf(type)).toBe(format);
  });
});
