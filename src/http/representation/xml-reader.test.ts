import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error.js';
import { readForm } from './form-reader.js';
import { fromTextTree } from './text-tree.js';
import { readXml } from './xml-reader.js';

const schema = {
  type: 'object',
  properties: {
    Name: { type: ['string', 'null'] },
    WebhookId: { type: 'integer' },
    Deleted: { type: 'boolean' },
    Events: { type: ['array', 'null'], items: { type: 'string' } },
    Headers: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
  },
};

const fromXml = (xml: string) => fromTextTree(readXml(xml, 32).node, schema);

describe('XML bodies into the JSON model (C23)', () => {
  it('types members by the schema, in any case and order', () => {
    expect(
      fromXml(
        '<W><deleted>1</deleted><webhookId>5</webhookId><Name>a &amp;lt; &#x41;&#66;</Name></W>',
      ),
    ).toEqual({ deleted: true, webhookId: 5, Name: 'a &lt; AB' });
  });

  it('reads nil, empty lists, wrapped items and KeyValue pairs', () => {
    const xml =
      '<W xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Name i:nil="true"/><Events/>' +
      '<Headers><KeyValueOfstringstring><Key>k</Key><Value>v</Value></KeyValueOfstringstring></Headers></W>';
    expect(fromXml(xml)).toEqual({ Name: null, Events: [], Headers: { k: 'v' } });
    expect(fromXml('<W><Events><a>x</a><b>y</b></Events></W>')).toEqual({ Events: ['x', 'y'] });
  });

  it.each([
    ['a DTD', '<!DOCTYPE W><W/>'],
    ['an undeclared entity', '<W><Name>&foo;</Name></W>'],
    ['a surrogate reference', '<W><Name>&#xD800;</Name></W>'],
    ['CDATA', '<W><![CDATA[x]]></W>'],
    ['mixed text and elements', '<W>text<Name>x</Name></W>'],
    ['nesting beyond the limit', `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`],
    [
      'a document nested deep enough to overflow a recursive parser',
      `${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}`,
    ],
  ])('refuses %s with a 400', (_what, xml) => {
    expect(() => readXml(xml, 32)).toThrow(ApiError);
  });

  it('does not echo a hostile document back in its message', () => {
    let message = '';
    try {
      readXml('<'.repeat(100_000), 32);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^The XML request body is not well-formed/);
    expect(message.length).toBeLessThan(300);
  });
});

describe('form bodies into the JSON model (C24)', () => {
  it('binds repeated keys, indexes and bracketed or dotted members', () => {
    const tree = readForm('Name=a+b&Events=x&Events=y&Headers[K]=1&headers.L=2&WebhookId=3', 32);
    expect(fromTextTree(tree, schema)).toEqual({
      Name: 'a b',
      Events: ['x', 'y'],
      Headers: { K: '1', L: '2' },
      WebhookId: 3,
    });
    expect(fromTextTree(readForm('Events[0]=x&Events[1]=y', 32), schema)).toEqual({
      Events: ['x', 'y'],
    });
  });

  it('reads many distinct nested keys in one pass (a body under the size limit)', () => {
    // 60 000 members of members: a lookup by scanning siblings would be quadratic here.
    const body = Array.from({ length: 60_000 }, (_, i) => `m${i}[x]=1`).join('&');
    const tree = readForm(body, 32);
    expect(tree.kind === 'children' && tree.children.length).toBe(60_000);
  });
});
