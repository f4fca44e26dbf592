// The representations the vendor lists besides JSON (Swagger `produces`; the Accept row of every
// reference page): XML is offered and parses, with the documented member names; text/json is
// JSON. Only that is checked: the XML form itself is not documented (spec C23).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ConformanceCase } from '../types.js';
import { AGENT, REST } from './surfaces.js';

const area = 'binding';

/** Names of the root's child elements, namespace prefixes removed. */
export function childNames(xml: string): { root: string; children: string[] } | undefined {
  const parsed: unknown = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true }).parse(
    xml,
  );
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const roots = Object.entries(parsed).filter(([name]) => !name.startsWith('?'));
  const [root, content] = roots[0] ?? [];
  if (roots.length !== 1 || root === undefined) return undefined;
  const children = typeof content === 'object' && content !== null ? Object.keys(content) : [];
  return { root, children };
}

export const representationCases: ConformanceCase[] = [
  {
    id: 'binding.xml-answer',
    area,
    title: 'Accept: application/xml is answered in XML with the documented member names',
    source: 'seeds/004_c05cf042a57efd1d.txt',
    given: 'a webhook this run created, read once as JSON (checked against the spec)',
    when: 'GET /api/v1/Webhook/{id} with Accept: application/xml',
    then: '200, an XML Content-Type, a well-formed document whose root holds every member of the JSON answer',
    tags: ['doc', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      // The documented members (the 14 of every reference page, and more on newer servers).
      const json = await ctx.request('GET', `${REST}/${hook.id}`);
      ctx.expectStatus(json, 200);
      ctx.expectSchema('getWebhook', json);
      const members = Object.keys(json.body as Record<string, unknown>);
      const res = await ctx.request('GET', `${REST}/${hook.id}`, {
        headers: { accept: 'application/xml' },
      });
      ctx.expectStatus(res, 200);
      const type = res.headers['content-type'] ?? '';
      ctx.check(
        /^(application|text)\/xml\b/.test(type),
        `Content-Type is ${type || 'missing'}`,
        res,
      );
      const valid = XMLValidator.validate(res.raw);
      ctx.check(valid === true, 'the body is not well-formed XML', res);
      const names = childNames(res.raw);
      const missing = members.filter((m) => !names?.children.includes(m));
      ctx.check(
        missing.length === 0,
        `members missing from <${names?.root}>: ${missing.join(', ')}`,
        res,
      );
    },
  },
  {
    id: 'binding.xml-agent-answer',
    area,
    title: 'The Agent surface answers in XML too: GetWebhook, and a selected list',
    source: 'spec C23',
    given: 'a webhook this run created, read once as JSON on the Agent surface',
    when: 'POST Agents/Webhook/GetWebhook, then GET /api/v1/Webhook (also ?$select=Name), with Accept: application/xml',
    then: "the first holds every member of the JSON answer and the webhook's Name; both lists hold its Name",
    tags: ['choice', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const query = { webhookId: hook.id };
      const json = await ctx.request('POST', `${AGENT}/GetWebhook`, { query });
      ctx.expectStatus(json, 200);
      const members = Object.keys(json.body as Record<string, unknown>);
      const xml = { accept: 'application/xml' };
      const res = await ctx.request('POST', `${AGENT}/GetWebhook`, { query, headers: xml });
      ctx.expectStatus(res, 200);
      ctx.check(XMLValidator.validate(res.raw) === true, 'the body is not well-formed XML', res);
      const missing = members.filter((m) => !childNames(res.raw)?.children.includes(m));
      ctx.check(missing.length === 0, `members missing: ${missing.join(', ')}`, res);
      ctx.check(res.raw.includes(hook.name), `the XML does not hold the Name ${hook.name}`, res);
      for (const query of [{}, { $select: 'Name' }] as Record<string, string>[]) {
        const list = await ctx.request('GET', REST, { query, headers: xml });
        ctx.expectStatus(list, 200);
        ctx.check(list.raw.includes(hook.name), `the XML list does not hold ${hook.name}`, list);
      }
    },
  },
  {
    id: 'binding.content-type-parameters',
    area,
    title: 'A JSON Content-Type in any case and with a charset parameter is JSON',
    source: 'spec C12',
    given: 'a body that creates a webhook on a run-unique event',
    when: 'POST /api/v1/Webhook with Content-Type: Application/JSON; charset=utf-8',
    then: '200 with the webhook (media type names are case-insensitive and take parameters, RFC 9110 §8.3.1)',
    tags: ['choice', 'content-type'],
    mutates: true,
    async run(ctx) {
      const event = ctx.eventName();
      const res = await ctx.request('POST', REST, {
        rawBody: JSON.stringify({ Name: ctx.name(), Events: [event], TargetUrl: ctx.targetUrl() }),
        headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      });
      const body = res.body as Record<string, unknown> | null;
      if (typeof body?.WebhookId === 'number') ctx.track(body.WebhookId);
      ctx.expectStatus(res, 200);
      ctx.check(body?.Name === ctx.name(), `the answer's Name is ${String(body?.Name)}`, res);
    },
  },
  {
    id: 'binding.text-json-answer',
    area,
    title: 'Accept: text/json is answered in JSON',
    source: 'seeds/004_c05cf042a57efd1d.txt',
    given: 'a webhook this run created',
    when: 'GET /api/v1/Webhook/{id} with Accept: text/json',
    then: '200 with a JSON body holding the webhook',
    tags: ['doc', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('GET', `${REST}/${hook.id}`, {
        headers: { accept: 'text/json' },
      });
      ctx.expectStatus(res, 200);
      const body = res.body as { WebhookId?: unknown } | undefined;
      ctx.check(body?.WebhookId === hook.id, 'the body is not the webhook as JSON', res);
    },
  },
];
