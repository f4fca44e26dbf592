// Request bodies in the other media types the vendor lists (Swagger `consumes`, docs/sources.md §6):
// an XML body binds its members like JSON (spec C23), a form body binds repeated keys as a list
// (spec C24), nested keys naming list items and dictionary members. Checked through the answer:
// the JSON the target returns.
import type { ConformanceCase } from '../types.js';
import { arrayBody, expectFields } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';

const area = 'binding';

/** GetAllWebhooks with an XML body sent as `contentType`: the NameFilter must bind. */
function xmlBodyCase(id: string, title: string, contentType: string): ConformanceCase {
  return {
    id,
    area,
    title,
    source: 'spec C23',
    given: 'a webhook this run created',
    when: `POST Agents/Webhook/GetAllWebhooks with Content-Type: ${contentType} and <GetAllWebhooksRequest><NameFilter>…`,
    then: 'the answer lists exactly that webhook',
    tags: ['choice', 'binding'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('POST', `${AGENT}/GetAllWebhooks`, {
        headers: { 'content-type': contentType, accept: 'application/json' },
        rawBody: `<GetAllWebhooksRequest><NameFilter>${hook.name}</NameFilter></GetAllWebhooksRequest>`,
      });
      ctx.expectStatus(res, 200);
      const ids = arrayBody(ctx, res).map((w) => w.WebhookId);
      ctx.check(
        ids.length === 1 && ids[0] === hook.id,
        `listed ${JSON.stringify(ids)}, expected [${hook.id}]`,
        res,
      );
    },
  };
}

export const bindingVariantCases: ConformanceCase[] = [
  xmlBodyCase('binding.xml-body', 'An application/xml body binds like JSON', 'application/xml'),
  {
    id: 'binding.form-body',
    area,
    title: 'An application/x-www-form-urlencoded body binds like JSON, repeated keys as a list',
    source: 'spec C24',
    given: 'a new webhook definition on the receiver',
    when: 'POST /Webhook with Name=…&Events=a&Events=b&TargetUrl=…&Type=webhook',
    then: '200 with that Name and both Events',
    tags: ['choice', 'binding'],
    mutates: true,
    async run(ctx) {
      const name = ctx.name();
      const events = [ctx.eventName('a'), ctx.eventName('b')];
      const pairs: [string, string][] = [
        ['Name', name],
        ...events.map((e): [string, string] => ['Events', e]),
        ['TargetUrl', ctx.targetUrl()],
        ['Type', 'webhook'],
      ];
      const form = new URLSearchParams(pairs);
      const res = await ctx.request('POST', REST, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: form.toString(),
      });
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { Name: name, Events: events }, 'the saved webhook');
    },
  },
  xmlBodyCase(
    'binding.text-xml-body',
    'A text/xml body binds like application/xml',
    'text/xml; charset=utf-8',
  ),
  {
    id: 'binding.form-nested-keys',
    area,
    title:
      'Form keys name list items and dictionary members: Events[0], Headers[X-Key], Headers.X-Key',
    source: 'spec C24',
    given: 'a new webhook definition on the receiver',
    when: 'POST /Webhook with Name=…&Events[0]=a&Events[1]=b&TargetUrl=…&Headers[X-One]=1&Headers.X-Two=2',
    then: '200 with that Name, both Events in order and both Headers',
    tags: ['choice', 'binding'],
    mutates: true,
    async run(ctx) {
      const name = ctx.name();
      const events = [ctx.eventName('a'), ctx.eventName('b')];
      const form = new URLSearchParams([
        ['Name', name],
        ['Events[0]', events[0] as string],
        ['Events[1]', events[1] as string],
        ['TargetUrl', ctx.targetUrl()],
        ['Headers[X-One]', '1'],
        ['Headers.X-Two', '2'],
      ]);
      const res = await ctx.request('POST', REST, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: form.toString(),
      });
      const body = res.body as { WebhookId?: unknown } | undefined;
      if (typeof body?.WebhookId === 'number') ctx.track(body.WebhookId);
      ctx.expectStatus(res, 200);
      const headers = { 'X-One': '1', 'X-Two': '2' };
      expectFields(ctx, res, { Name: name, Events: events, Headers: headers }, 'the saved webhook');
    },
  },
];
