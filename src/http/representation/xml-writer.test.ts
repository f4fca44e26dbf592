import { describe, expect, it } from 'vitest';
import { element, toXml } from './xml-writer.js';
import { ERROR_ROOT, xmlRootOf } from './xml-roots.js';

const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

describe('data-contract XML (spec/README.md C23)', () => {
  it.each([
    ['a string, escaped', 'Name', 'a < b & "c" > d', '<Name>a &lt; b &amp; "c" &gt; d</Name>'],
    ['a number', 'WebhookId', 7, '<WebhookId>7</WebhookId>'],
    ['a boolean', 'Deleted', false, '<Deleted>false</Deleted>'],
    ['null', 'Secret', null, '<Secret xsi:nil="true"/>'],
    [
      'a list of strings',
      'Events',
      ['a.b', 'c.d'],
      `<Events xmlns:d2p1="${ARRAYS}"><d2p1:string>a.b</d2p1:string><d2p1:string>c.d</d2p1:string></Events>`,
    ],
    [
      'a dictionary, keys as Key elements',
      'Headers',
      { 'X-A': '1' },
      `<Headers xmlns:d2p1="${ARRAYS}"><d2p1:KeyValueOfstringstring><d2p1:Key>X-A</d2p1:Key><d2p1:Value>1</d2p1:Value></d2p1:KeyValueOfstringstring></Headers>`,
    ],
    [
      'an object whose keys are no XML names',
      'Data',
      { '<x>': 1 },
      `<Data xmlns:d2p1="${ARRAYS}"><d2p1:KeyValueOfstringstring><d2p1:Key>&lt;x&gt;</d2p1:Key><d2p1:Value>1</d2p1:Value></d2p1:KeyValueOfstringstring></Data>`,
    ],
    ['control characters XML cannot carry', 'Name', 'a\u0000b\u001bc\td', '<Name>abc\td</Name>'],
    ['a carrier', 'TableRight', { Mask: 'Read' }, '<TableRight><Mask>Read</Mask></TableRight>'],
  ])('%s', (_what, name, value, expected) => {
    expect(element(name, value)).toBe(expected);
  });

  it('names the root for the operation and lists items by their type', () => {
    expect(toXml(xmlRootOf('getWebhookList'), [{ WebhookId: 1 }])).toBe(
      '<ArrayOfWebhook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/SuperOffice.CRM.Services"><Webhook><WebhookId>1</WebhookId></Webhook></ArrayOfWebhook>',
    );
    expect(toXml(xmlRootOf('getWebhookAgent'), null)).toMatch(/^<Webhook xsi:nil="true" /);
    expect(xmlRootOf(undefined)).toBe(ERROR_ROOT);
  });
});
