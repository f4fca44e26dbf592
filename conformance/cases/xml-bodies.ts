// XML request bodies as a client may write them (spec C23, C50): prefixes and namespaces, member
// names in any case, indentation, comments, processing instructions, attributes, entities and
// character references, dictionaries of KeyValueOf… pairs (nested too), nils, empty lists,
// carrier lists with xs:int and xs:boolean text. Each must bind to what the same definition
// sent as JSON binds to; the hostile or broken ones are refused with 400 and store nothing.
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { REST } from './surfaces.js';
import { trackIfCreated } from './webhook-reads.js';
import { ARRAYS, XSI } from './xml-model.js';

const area = 'binding';
const XML_BODY = { 'content-type': 'application/xml', accept: 'application/json' };

/** Text as XML character data. */
export const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What the XML body below says, as JSON. */
function definition(ctx: CaseContext) {
  return {
    Name: `${ctx.name('xml-shapes')} A&<>"'AB`,
    Events: [ctx.eventName('a'), ctx.eventName('b')],
    TargetUrl: ctx.targetUrl(),
    Type: 'webhook',
    // 1 and 0 are xs:boolean text, but these are strings.
    Headers: { 'X-Case': 'one', 'X-One': '1', 'X-Zero': '0' },
    Properties: {
      plain: '  spaced  ',
      astral: '\u{10FFFF}',
      nested: { inner: 'v', none: null },
      Entry: { Key: 'k', Value: 'v' },
    },
    ErrorEmails: [],
    Description: null,
    ErrorAssociates: [
      {
        Id: 17,
        Name: 'ops',
        Deleted: false,
        // A list of the carrier's own type (a recursive schema) and a typed dictionary value.
        ChildItems: [{ Id: 19, Name: 'on call', ChildItems: [{ Id: 20, Deleted: true }] }],
        FieldProperties: { Name: { FieldType: 'string', FieldLength: 20 } },
      },
      { Id: 18, Deleted: true },
    ],
  };
}

/** The same definition as a client may write it in XML, indented, in other spellings. */
function xmlBody(def: ReturnType<typeof definition>): string {
  const pair = (type: string, key: string, value: string) =>
    `<a:KeyValueOf${type}><a:Key>${key}</a:Key>${value}</a:KeyValueOf${type}>`;
  const [first, second] = def.Events;
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- a definition written by hand -->
<w:Webhook xmlns:w="http://schemas.datacontract.org/2004/07/SuperOffice.CRM.Services" xmlns:a="${ARRAYS}" xmlns:i="${XSI}">
  <!-- members in any case, with attributes a reader ignores -->
  <?editor keep-this-out?>
  <w:NAME xml:lang="en">${esc(def.Name.slice(0, -9))} A&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</w:NAME>
  <events>
    <a:string>${esc(first ?? '')}</a:string>
    <a:string>${esc(second ?? '')}</a:string>
  </events>
  <TargetUrl>${esc(def.TargetUrl)}</TargetUrl>
  <type>webhook</type>
  <Headers>
    <a:KeyValueOfstringstring><a:key>X-Case</a:key><a:value>one</a:value></a:KeyValueOfstringstring>
    <a:KeyValueOfstringstring><a:Key>X-One</a:Key><a:Value>1</a:Value></a:KeyValueOfstringstring>
    <a:KeyValueOfstringstring><a:Key>X-Zero</a:Key><a:Value>0</a:Value></a:KeyValueOfstringstring>
  </Headers>
  <Properties>
    ${pair('stringstring', 'plain', '<a:Value>  spaced  </a:Value>')}
    ${pair('stringstring', 'astral', '<a:Value>&#x10FFFF;</a:Value>')}
    ${pair(
      'stringanyType',
      'nested',
      `<a:Value>
        ${pair('stringanyType', 'inner', '<a:Value>v</a:Value>')}
        ${pair('stringanyType', 'none', '<a:Value i:nil="true"/>')}
      </a:Value>`,
    )}
    <Entry><Key>k</Key><Value>v</Value></Entry>
  </Properties>
  <ErrorEmails>  </ErrorEmails>
  <Description i:nil="true"/>
  <ErrorAssociates>
    <MDOListItem><Id> 17 </Id><Name>ops</Name><Deleted>0</Deleted>
      <ChildItems><MDOListItem><Id>19</Id><Name>on call</Name>
        <ChildItems><MDOListItem><Id>20</Id><Deleted>true</Deleted></MDOListItem></ChildItems>
      </MDOListItem></ChildItems>
      <FieldProperties>${pair(
        'stringanyType',
        'Name',
        `<a:Value>${pair('stringanyType', 'FieldType', '<a:Value>string</a:Value>')}${pair('stringanyType', 'FieldLength', '<a:Value>20</a:Value>')}</a:Value>`,
      )}</FieldProperties>
    </MDOListItem>
    <MDOListItem><Id>18</Id><Deleted>1</Deleted></MDOListItem>
  </ErrorAssociates>
</w:Webhook>`;
}

const COMPARED = [
  'Name',
  'Events',
  'TargetUrl',
  'Headers',
  'Properties',
  'ErrorEmails',
  'Description',
  'ErrorAssociates',
] as const;

function created(ctx: CaseContext, res: HttpResponse, what: string): Record<string, unknown> {
  trackIfCreated(ctx, res);
  ctx.expectStatus(res, 200, what);
  return res.body as Record<string, unknown>;
}

export const xmlBodyCases: ConformanceCase[] = [
  {
    id: 'binding.xml-body-shapes',
    area,
    title: 'An XML body in the shapes a client may write binds as the same JSON body does',
    source: 'spec C23, spec C50',
    given:
      'one webhook definition with Headers, nested Properties, a nil, an empty list and a list of MDOListItem carriers, nested and with FieldProperties',
    when: 'POST /api/v1/Webhook once as JSON and once as indented, prefixed XML with comments, a processing instruction, attributes, entities and character references',
    then: 'both 200, and the two answers agree on every member the bodies set',
    tags: ['choice', 'binding'],
    mutates: true,
    async run(ctx) {
      const def = definition(ctx);
      const json = created(ctx, await ctx.request('POST', REST, { body: def }), 'the JSON body');
      const xml = created(
        ctx,
        await ctx.request('POST', REST, { headers: XML_BODY, rawBody: xmlBody(def) }),
        'the XML body',
      );
      for (const member of COMPARED) {
        const [a, b] = [JSON.stringify(xml[member]), JSON.stringify(json[member])];
        ctx.check(a === b, `${member}: the XML body bound ${a}, the JSON body ${b}`);
      }
    },
  },
  {
    id: 'binding.form-one-list-item',
    area,
    title: 'A form body that names a list member once binds a one-item list',
    source: 'spec C24',
    given: 'a new webhook definition on the receiver',
    when: 'POST /api/v1/Webhook with Name=…&Events=a&TargetUrl=…&Type=webhook',
    then: '200 with Events [a] (one key is a list of one, as repeated keys are a list of many)',
    tags: ['choice', 'binding'],
    mutates: true,
    async run(ctx) {
      const event = ctx.eventName();
      const form = new URLSearchParams({
        Name: ctx.name(),
        Events: event,
        TargetUrl: ctx.targetUrl(),
        Type: 'webhook',
      });
      const res = await ctx.request('POST', REST, {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        rawBody: form.toString(),
      });
      const body = created(ctx, res, 'the form body');
      const events = JSON.stringify(body.Events);
      ctx.check(events === JSON.stringify([event]), `Events is ${events}`, res);
    },
  },
];
