// XML, text/json and form bodies as the vendor lists them (Swagger consumes/produces; spec/README.md
// C12, C23, C24), through app.request() on fixtures/default.json. Every answer, XML ones
// included, is checked against the spec through the model it was written from.
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../domain/webhook.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => {
  expect(t.problems).toEqual([]);
});

const XML = { accept: 'application/xml', 'content-type': 'application/xml' };
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The parsed document; every element an array so that lists and single members read alike. */
const parseXml = (text: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    isArray: () => true,
    parseTagValue: false,
  }).parse(text) as Record<string, Array<Record<string, unknown[]>>>;

const NEW_HOOK_XML = `<?xml version="1.0" encoding="utf-8"?>
<Webhook xmlns:i="${XSI}" xmlns="http://schemas.datacontract.org/2004/07/SuperOffice.CRM.Services">
  <Name>Orders &amp; invoices</Name>
  <Events xmlns:d2p1="${ARRAYS}"><d2p1:string>sale.created</d2p1:string><d2p1:string>sale.changed</d2p1:string></Events>
  <TargetUrl>https://hooks.example.com/orders</TargetUrl>
  <Secret i:nil="true"/>
  <State>Stopped</State>
  <Headers xmlns:d2p1="${ARRAYS}">
    <d2p1:KeyValueOfstringstring><d2p1:Key>X-Tenant</d2p1:Key><d2p1:Value>acme</d2p1:Value></d2p1:KeyValueOfstringstring>
  </Headers>
</Webhook>`;

describe('XML answers (C23)', () => {
  it('GET /Webhook/1 with Accept: application/xml is the data-contract WebhookWithLinks', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: { accept: 'application/xml' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(
      /^<WebhookWithLinks xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns="http:\/\/schemas\.datacontract\.org\/2004\/07\/SuperOffice\.WebApi\.v1\.Carriers\.WebhookCarriers">/,
    );
    const root = parseXml(text).WebhookWithLinks?.[0] ?? {};
    // The 14 fields every reference page lists, then _Links.
    for (const member of ['WebhookId', 'Name', 'Events', 'TargetUrl', 'Secret', 'State', 'Type']) {
      expect(root, member).toHaveProperty(member);
    }
    expect(root.WebhookId).toEqual(['1']);
    expect(root.Events).toEqual([{ string: ['ticket.created', 'ticket.changed'] }]);
    expect(root.LastError).toEqual([{ '@nil': ['true'] }]);
    expect(text).toContain('<Registered>2026-03-01T12:00:00.000Z</Registered>');
    expect(text).toContain(
      '<d2p1:KeyValueOfstringstring><d2p1:Key>Self</d2p1:Key><d2p1:Value>http://localhost/api/v1/Webhook/1</d2p1:Value>',
    );
  });

  it('text/xml lists are ArrayOfWebhook with one Webhook per item', async () => {
    const response = await t.call('/api/v1/Webhook', { headers: { accept: 'text/xml' } });
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const list = parseXml(await response.text()).ArrayOfWebhook?.[0]?.Webhook ?? [];
    expect(list.map((w) => (w as Record<string, unknown[]>).WebhookId?.[0])).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it("GetLastError answers the serializer's <string>, empty without errors", async () => {
    const response = await t.call('/api/v1/Webhook/1/LastError', {
      headers: { accept: 'application/xml' },
    });
    expect(await response.text()).toBe(
      '<string xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/"></string>',
    );
  });

  it('errors are XML when XML was asked for, JSON otherwise', async () => {
    const xml = await t.call('/api/v1/Webhook/99', { headers: { accept: 'application/xml' } });
    expect(xml.status).toBe(404);
    const error = parseXml(await xml.text()).Error?.[0] ?? {};
    expect(error.ErrorType).toEqual(['SoNotFoundException']);
    expect(error.Message).toEqual(['Webhook id 99 not found']);
    const json = await t.call('/api/v1/Webhook/99');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it.each([
    ['application/xml;q=0.5, application/json', 'application/json'],
    ['application/json;q=0.1, text/xml', 'text/xml'],
    ['text/*', 'text/json'],
    ['*/*', 'application/json'],
    ['application/problem+json', 'application/json'],
  ])('Accept: %s is answered in %s', async (accept, type) => {
    const response = await t.call('/api/v1/Webhook/1', { headers: { accept } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
  });

  it('a Prefer example is written in XML too', async () => {
    const response = await t.call('/api/v1/Webhook/1', {
      headers: { accept: 'application/xml', prefer: 'example=found' },
    });
    expect(response.status).toBe(200);
    const root = parseXml(await response.text()).WebhookWithLinks?.[0] ?? {};
    expect(root.Name).toEqual(['Contact Created Webhook']); // the spec's WebhookWithLinks example
  });

  it('text/json is JSON under that type', async () => {
    const response = await t.call('/api/v1/Webhook/1', { headers: { accept: 'text/json' } });
    expect(response.headers.get('content-type')).toBe('text/json; charset=utf-8');
    expect(((await response.json()) as WebhookRecord).WebhookId).toBe(1);
  });
});

describe('XML and form bodies bind like JSON (C23, C24)', () => {
  it('an XML POST /Webhook round-trips: saved as sent, answered in XML, read back as JSON', async () => {
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      headers: XML,
      body: NEW_HOOK_XML,
    });
    expect(response.status).toBe(200);
    const root = parseXml(await response.text()).WebhookWithLinks?.[0] ?? {};
    expect(root.WebhookId).toEqual(['4']);
    const saved = (await (await t.call('/api/v1/Webhook/4')).json()) as WebhookRecord;
    expect(saved).toMatchObject({
      Name: 'Orders & invoices',
      Events: ['sale.created', 'sale.changed'],
      TargetUrl: 'https://hooks.example.com/orders',
      Secret: null,
      State: 'Stopped',
      Headers: { 'X-Tenant': 'acme' },
    });
  });

  it('an XML body with no Accept is answered in XML (the request media type decides)', async () => {
    const response = await t.call('/api/v1/Agents/Webhook/GetLastError', {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<GetLastErrorRequest><WebhookId>1</WebhookId></GetLastErrorRequest>',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  });

  it('a form POST binds repeated keys as a list and Headers[key] as a dictionary', async () => {
    const body =
      'name=Form+hook&Events=person.created&Events=person.changed' +
      '&TargetUrl=https%3A%2F%2Fhooks.example.com%2Fform&Headers%5BX-Key%5D=v&State=Stopped';
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      Name: 'Form hook',
      Events: ['person.created', 'person.changed'],
      Headers: { 'X-Key': 'v' },
      State: 'Stopped',
    });
  });

  it('an XML body binds nested list items and typed dictionary values like the JSON model', async () => {
    // ChildItems is a list of the MDOListItem it sits in (a recursive schema), and a
    // FieldProperties value is a typed FieldInfo written as pairs: both bind to numbers, not text.
    const pair = (key: string, value: string) =>
      `<d2p1:KeyValueOfstringanyType><d2p1:Key>${key}</d2p1:Key>${value}</d2p1:KeyValueOfstringanyType>`;
    const body = NEW_HOOK_XML.replace(
      '</Webhook>',
      `<ErrorAssociates><MDOListItem><Id>7</Id><Name>ops</Name>
        <ChildItems><MDOListItem><Id>8</Id><Name>on call</Name>
          <ChildItems><MDOListItem><Id>9</Id><Deleted>true</Deleted></MDOListItem></ChildItems>
        </MDOListItem></ChildItems>
        <FieldProperties xmlns:d2p1="${ARRAYS}">${pair(
          'Name',
          `<d2p1:Value>${pair('FieldType', '<d2p1:Value>string</d2p1:Value>')}${pair('FieldLength', '<d2p1:Value>20</d2p1:Value>')}</d2p1:Value>`,
        )}</FieldProperties>
      </MDOListItem></ErrorAssociates></Webhook>`,
    );
    const response = await t.call('/api/v1/Webhook', { method: 'POST', headers: XML, body });
    expect(response.status).toBe(200);
    const saved = (await (await t.call('/api/v1/Webhook/4')).json()) as WebhookRecord;
    expect(saved.ErrorAssociates).toMatchObject([
      {
        Id: 7,
        Name: 'ops',
        ChildItems: [{ Id: 8, Name: 'on call', ChildItems: [{ Id: 9, Deleted: true }] }],
        FieldProperties: { Name: { FieldType: 'string', FieldLength: 20 } },
      },
    ]);
    // In the order the body gave them, lists included, as a JSON body's members are stored.
    expect(Object.keys(saved.ErrorAssociates?.[0] ?? {})).toEqual([
      'Id',
      'Name',
      'ChildItems',
      'FieldProperties',
    ]);
  });

  it('an XML body is validated like JSON: an unknown member is a 400 in XML, nothing stored', async () => {
    const before = structuredClone(t.store.list());
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      headers: XML,
      body: '<Webhook><Name>x</Name><Colour>red</Colour></Webhook>',
    });
    expect(response.status).toBe(400);
    const error = parseXml(await response.text()).Error?.[0] ?? {};
    expect(error.ErrorType).toEqual(['ArgumentException']);
    expect(t.store.list()).toEqual(before);
  });

  it('GetAllWebhooks takes its filters in XML and a numeric-looking PrimaryKey binds as a number', async () => {
    const list = await t.call('/api/v1/Agents/Webhook/GetAllWebhooks', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<GetAllWebhooksRequest><StatusFilter>Stopped</StatusFilter></GetAllWebhooksRequest>',
    });
    const ids = parseXml(await list.text()).ArrayOfWebhook?.[0]?.Webhook?.map(
      (w) => (w as Record<string, unknown[]>).WebhookId?.[0],
    );
    expect(ids).toEqual(['2']);
    const signal = await t.call('/api/v1/Agents/Webhook/SignalEvent', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<SignalEventRequest><EventName>ticket.created</EventName><PrimaryKey>7</PrimaryKey></SignalEventRequest>',
    });
    expect(signal.status).toBe(204);
    expect(t.store.signals().at(-1)).toMatchObject({ Event: 'ticket.created', PrimaryKey: 7 });
  });
});

describe('hostile XML and form bodies are 400 and change nothing', () => {
  it.each([
    [
      'a DTD with an entity',
      '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><Webhook><Name>&a;</Name></Webhook>',
    ],
    [
      'an external entity',
      '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><Webhook><Name>&x;</Name></Webhook>',
    ],
    ['an undeclared entity', '<Webhook><Name>&nbsp;</Name></Webhook>'],
    ['CDATA', '<Webhook><Name><![CDATA[x]]></Name></Webhook>'],
    ['a prototype key', '<Webhook><Headers><__proto__>x</__proto__></Headers></Webhook>'],
    [
      'deep nesting',
      `<Webhook><Properties>${'<a>'.repeat(200)}x${'</a>'.repeat(200)}</Properties></Webhook>`,
    ],
    ['a malformed document', '<Webhook><Name>x</Webhook>'],
    ['two roots', '<Webhook/><Webhook/>'],
    ['an invalid character reference', '<Webhook><Name>&#0;</Name></Webhook>'],
  ])('%s', async (_what, body) => {
    const before = structuredClone(t.store.list());
    const response = await t.call('/api/v1/Webhook', { method: 'POST', headers: XML, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(t.store.list()).toEqual(before);
  });

  it('a form key nested deeper than the limit', async () => {
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Properties${'[a]'.repeat(100)}=x`,
    });
    expect(response.status).toBe(400);
  });

  it('PATCH takes no XML: it is a JSON Patch or merge patch document', async () => {
    const response = await t.call('/api/v1/Webhook/1', {
      method: 'PATCH',
      headers: XML,
      body: '<a/>',
    });
    expect(response.status).toBe(415);
  });
});
