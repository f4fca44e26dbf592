// Content negotiation by Accept (spec C12: the four response media types the vendor lists,
// chosen by RFC 9110 §12.5.1 weights, ties to the vendor's order, nothing acceptable 406), an
// empty Accept as none (C49), and the XML form of an error (spec C23). Each answer is judged by
// the representation it is: its Content-Type's family and a body that parses as that format.
import { XMLValidator } from 'fast-xml-parser';
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { childNames } from './representations.js';
import { AGENT, REST } from './surfaces.js';

const area = 'binding';

type Answer = 'json' | 'xml' | 'none';

/**
 * Accept values and the representation each must get (spec C12). Weights with and without a
 * blank after `;` and in either case (RFC 9110 §12.4.2: `OWS ";" OWS "q=" qvalue`), the most
 * specific range deciding a type's weight whichever order the ranges come in (§12.5.1), a tie
 * going to JSON, `type/*` and `*\/*`, and `q=0` meaning "not acceptable".
 */
const EXPECTED: Array<[accept: string, answer: Answer]> = [
  ['application/json;q=0.1, application/xml;q=0.5', 'xml'],
  ['application/json; Q=0.1, application/xml', 'xml'],
  ['application/json;q=0.9, application/xml;q=1', 'xml'],
  ['application/xml, */*;q=0.1', 'xml'],
  ['*/*;q=0.1, application/xml', 'xml'],
  ['application/json, application/xml', 'json'],
  ['application/xml;q=0.5, application/json;q=0.5', 'json'],
  ['text/*', 'json'],
  ['*/*', 'json'],
  ['text/xml', 'xml'],
  ['application/json;q=0', 'none'],
];

/** What representation an answer is: its Content-Type's family, confirmed by its body. */
function answerOf(res: HttpResponse): Answer | string {
  if (res.status === 406) return 'none';
  const type = res.headers['content-type'] ?? '';
  if (res.status !== 200) return `status ${res.status}`;
  if (/^(application|text)\/json\b/i.test(type)) {
    return typeof res.body === 'object' && res.body !== null ? 'json' : 'JSON type, body not JSON';
  }
  if (/^(application|text)\/xml\b/i.test(type)) {
    return XMLValidator.validate(res.raw) === true ? 'xml' : 'XML type, body not XML';
  }
  return `Content-Type ${type || 'missing'}`;
}

function expectXmlError(ctx: CaseContext, res: HttpResponse, status: number): void {
  ctx.expectStatus(res, status);
  const type = res.headers['content-type'] ?? '';
  ctx.check(/^application\/xml\b/i.test(type), `Content-Type is ${type || 'missing'}`, res);
  const xml = XMLValidator.validate(res.raw) === true ? childNames(res.raw) : undefined;
  ctx.check(xml?.root === 'Error', `the root element is <${xml?.root ?? 'none'}>`, res);
  // C1: ErrorType and the message under either key.
  const has = (name: string) => xml?.children.includes(name) === true;
  ctx.check(
    has('ErrorType') && (has('Message') || has('ErrorMessage')),
    `<Error> holds ${xml?.children.join(', ') ?? 'nothing'}, not ErrorType and a message`,
    res,
  );
}

export const negotiationCases: ConformanceCase[] = [
  {
    id: 'binding.accept-weights',
    area,
    title: 'Accept is honoured by weight and specificity, ties going to JSON',
    source: 'spec C12',
    given: 'a webhook this run created',
    when: `GET /api/v1/Webhook/{id} with each of ${EXPECTED.length} Accept values (weights, blanks, type/*, */*, q=0)`,
    then: 'each answer is the representation RFC 9110 weights choose: XML, JSON, or 406 when nothing has a weight above 0',
    tags: ['choice', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      for (const [accept, expected] of EXPECTED) {
        const res = await ctx.request('GET', `${REST}/${hook.id}`, { headers: { accept } });
        const got = answerOf(res);
        ctx.check(got === expected, `Accept: ${accept} got ${got}, expected ${expected}`, res);
        if (expected !== 'none' || got !== 'none') continue;
        // The error shape (C1) is JSON; RFC 9110 §8.3 wants content labelled with its type.
        ctx.expectErrorShape(res);
        const type = res.headers['content-type'] ?? '';
        ctx.check(/^(application|text)\/json\b/i.test(type), `406 Content-Type ${type}`, res);
      }
    },
  },
  {
    id: 'binding.xml-error',
    area,
    title: 'An error asked for in XML is an <Error> element with the error members',
    source: 'spec C23',
    given: 'an id that is not a number, and an id no webhook has',
    when: 'GET /api/v1/Webhook/abc and GET /api/v1/Webhook/{unused id} with Accept: application/xml',
    then: '400 and 404, each an XML <Error> root holding ErrorType and a message',
    tags: ['choice', 'content-type'],
    mutates: false,
    async run(ctx) {
      const accept = { accept: 'application/xml' };
      expectXmlError(ctx, await ctx.request('GET', `${REST}/abc`, { headers: accept }), 400);
      const unused = await ctx.unusedId();
      expectXmlError(ctx, await ctx.request('GET', `${REST}/${unused}`, { headers: accept }), 404);
    },
  },
  {
    id: 'binding.empty-accept',
    area,
    title: 'An empty Accept gets the default: JSON, or XML for an XML body',
    source: 'spec C49',
    given: 'a webhook this run created',
    when: 'GET /api/v1/Webhook/{id}, and POST Agents/Webhook/GetAllWebhooks with an XML and a form body, each with an empty Accept',
    then: 'the webhook as JSON; the list in XML holding its Name for the XML body (C23), in JSON for the form body',
    tags: ['choice', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const read = await ctx.request('GET', `${REST}/${hook.id}`, { headers: { accept: '' } });
      ctx.check(answerOf(read) === 'json', `the read got ${answerOf(read)}, not JSON`, read);
      const list = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        headers: { accept: '', 'content-type': 'application/xml' },
        rawBody: `<GetAllWebhooksRequest><NameFilter>${hook.name}</NameFilter></GetAllWebhooksRequest>`,
      });
      ctx.check(answerOf(list) === 'xml', `the XML body got ${answerOf(list)}, not XML`, list);
      ctx.check(list.raw.includes(hook.name), `the list does not hold ${hook.name}`, list);
      // A form body is not a representation the server answers in: JSON.
      const form = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        headers: { accept: '', 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({ NameFilter: hook.name }).toString(),
      });
      ctx.check(answerOf(form) === 'json', `the form body got ${answerOf(form)}, not JSON`, form);
    },
  },
];
