// XML request bodies the server must refuse (spec C23, C47, C50): a DTD (entity expansion,
// external references), CDATA, entities XML does not predefine, character references to no XML
// character, text mixed with member elements, nesting past the body depth limit, more than one
// root, a dictionary pair without its Key or Value, xs:boolean and xs:int text with extra
// characters, and a document that is not well-formed. Each is 400 in the error shape and stores
// nothing; the same nesting one level shallower, and the last character XML allows, are taken.
import type { CaseContext, ConformanceCase } from '../types.js';
import { REST } from './surfaces.js';
import { expectNothingCreated, trackIfCreated } from './webhook-reads.js';
import { ARRAYS, XSI } from './xml-model.js';
import { esc } from './xml-bodies.js';

const XML_BODY = { 'content-type': 'application/xml', accept: 'application/json' };

/** A valid definition with `inner` added inside the root and `name` as its Name's text. */
function webhookXml(ctx: CaseContext, event: string, inner = '', name = esc(ctx.name())): string {
  return (
    `<Webhook xmlns:a="${ARRAYS}"><Name>${name}</Name>` +
    `<Events><a:string>${esc(event)}</a:string></Events>` +
    `<TargetUrl>${esc(ctx.targetUrl())}</TargetUrl><Type>webhook</Type>${inner}</Webhook>`
  );
}

/** Properties holding `pairs` dictionaries nested in each other, the last holding `last`. */
function nestedProperties(pairs: number, last: string): string {
  let value = last;
  for (let i = pairs; i >= 1; i--) {
    value = `<a:KeyValueOfstringanyType><a:Key>k${i}</a:Key><a:Value>${value}</a:Value></a:KeyValueOfstringanyType>`;
  }
  return `<Properties>${value}</Properties>`;
}

const pair = (inner: string) =>
  `<Headers><a:KeyValueOfstringstring>${inner}</a:KeyValueOfstringstring></Headers>`;

const item = (inner: string) =>
  `<ErrorAssociates><MDOListItem>${inner}</MDOListItem></ErrorAssociates>`;

export const xmlRefusalCases: ConformanceCase[] = [
  {
    id: 'bad-input.xml-refused-400',
    area: 'bad-input',
    title: 'A hostile or broken XML body is 400 and stores nothing',
    source: 'spec C23, spec C50',
    given: 'webhook definitions in XML, each valid but for one thing',
    when: 'POST /api/v1/Webhook with a DTD, CDATA, &nbsp;, &#0;, &#xD800;, &#xDFFF;, &#x110000;, mixed text, 33 nested elements, two roots, a pair without Key or Value, <Deleted>truex</Deleted>, <Id>17x</Id>, a missing end tag',
    then: '400 in the error shape each time, no webhook listens for the event; 32 nested elements, &#x10FFFF; and empty <Headers/> and <Properties>, and a nil <ErrorEmails> are taken (200)',
    tags: ['choice', 'errors', 'binding'],
    mutates: true,
    async run(ctx) {
      const event = ctx.eventName();
      const doc = (inner = '', name?: string) => webhookXml(ctx, event, inner, name);
      const refused: Array<[string, string]> = [
        ['a DTD', `<!DOCTYPE Webhook [<!ENTITY x "y">]>${doc('', '&x;')}`],
        ['a DOCTYPE', `<!DOCTYPE Webhook>${doc()}`],
        ['CDATA', doc('', '<![CDATA[name]]>')],
        ['an undeclared entity', doc('', 'a&nbsp;b')],
        ['&#0;', doc('', 'a&#0;b')],
        ['&#xD800;', doc('', 'a&#xD800;b')],
        ['&#xDFFF;', doc('', 'a&#xDFFF;b')],
        ['&#x110000;', doc('', 'a&#x110000;b')],
        ['&#1114112;', doc('', 'a&#1114112;b')],
        [
          'text mixed with elements',
          doc(
            `<Properties>stray<a:KeyValueOfstringstring><a:Key>k</a:Key><a:Value>v</a:Value></a:KeyValueOfstringstring></Properties>`,
          ),
        ],
        ['33 nested elements', doc(nestedProperties(15, '<x>t</x>'))],
        ['two roots', `${doc()}<Other/>`],
        ['the root twice', `${doc()}${doc()}`],
        ['a pair without Value', doc(pair('<a:Key>X-A</a:Key>'))],
        ['a pair without Key', doc(pair('<a:Value>v</a:Value>'))],
        ['xs:boolean truex', doc(item('<Id>1</Id><Deleted>truex</Deleted>'))],
        ['xs:boolean xtrue', doc(item('<Id>1</Id><Deleted>xtrue</Deleted>'))],
        ['xs:boolean falsex', doc(item('<Id>1</Id><Deleted>falsex</Deleted>'))],
        ['xs:boolean xfalse', doc(item('<Id>1</Id><Deleted>xfalse</Deleted>'))],
        ['xs:int 17x', doc(item('<Id>17x</Id>'))],
        ['no end tag', doc('<Description>d</Webhook>')],
      ];
      for (const [what, rawBody] of refused) {
        const res = await ctx.request('POST', REST, { headers: XML_BODY, rawBody });
        trackIfCreated(ctx, res);
        ctx.expectStatus(res, 400, `a body with ${what}`);
        ctx.expectErrorShape(res);
      }
      await expectNothingCreated(ctx, event);
      const taken: Array<[string, string]> = [
        ['32 nested elements', doc(nestedProperties(15, 't'))],
        ['&#x10FFFF;', doc('', `${esc(ctx.name())}&#x10FFFF;`)],
        ['an empty dictionary element', doc('<Headers/><Properties>  </Properties>')],
        ['a nil list', doc(`<ErrorEmails xmlns:i="${XSI}" i:nil="true"/>`)],
      ];
      for (const [what, rawBody] of taken) {
        const res = await ctx.request('POST', REST, { headers: XML_BODY, rawBody });
        trackIfCreated(ctx, res);
        ctx.expectStatus(res, 200, `a body with ${what}`);
      }
    },
  },
];
