// Requests that are wrong in shape rather than content: an Accept the server cannot meet, a
// non-numeric id or one in another notation than decimal digits, a SignalEvent without an EventName, a malformed patch document, an unknown
// route (spec C2, C12, C17; SignalEventRequest in the spec requires EventName, docs/sources.md seed 002).
import type { ConformanceCase } from '../types.js';
import { AGENT, REST } from './surfaces.js';
import { expectNothingCreated, expectUnchanged } from './webhook-reads.js';

const area = 'bad-input';

export const badRequestCases: ConformanceCase[] = [
  {
    id: 'bad-input.not-acceptable-406',
    area,
    title: 'An Accept that allows no JSON and no XML is 406',
    source: 'spec C12',
    given: 'any target',
    when: 'GET /Webhook/default with Accept: image/png',
    then: '406 in the error shape',
    tags: ['choice', 'content-type', 'errors'],
    mutates: false,
    async run(ctx) {
      const res = await ctx.request('GET', `${REST}/default`, { headers: { accept: 'image/png' } });
      ctx.expectStatus(res, 406);
      ctx.expectErrorShape(res);
    },
  },
  {
    id: 'bad-input.non-numeric-id',
    area,
    title: 'A non-numeric webhook id is refused',
    source: 'reference §1a R4',
    given: 'any target',
    when: 'GET /api/v1/Webhook/not-a-number',
    then: '400 or 404 in the error shape (the id is an int32)',
    tags: ['doc', 'errors'],
    mutates: false,
    async run(ctx) {
      const res = await ctx.request('GET', `${REST}/not-a-number`);
      ctx.expectStatus(res, [400, 404]);
      ctx.expectErrorShape(res);
    },
  },
  {
    id: 'bad-input.non-decimal-id-400',
    area,
    title: 'An id written other than in decimal digits is 400, not another webhook',
    source: 'spec C27',
    given: 'a webhook this run created, id N',
    when: 'GET /api/v1/Webhook/{N}e0, /0x{N in hex} and /+{N}; Agents GetWebhook?webhookId={N}e0',
    then: '400 in the error shape each time (JavaScript Number() reads each as N)',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      for (const spelled of [`${hook.id}e0`, `0x${hook.id.toString(16)}`, `+${hook.id}`]) {
        const res = await ctx.request('GET', `${REST}/${encodeURIComponent(spelled)}`);
        ctx.expectStatus(res, 400);
        ctx.expectErrorShape(res);
      }
      const res = await ctx.request('POST', `${AGENT}/GetWebhook`, {
        query: { webhookId: `${hook.id}e0` },
      });
      ctx.expectStatus(res, 400);
      ctx.expectErrorShape(res);
    },
  },
  {
    id: 'bad-input.hostile-json-400',
    area,
    title: 'JSON that could not be stored safely is 400: a lone surrogate, a prototype key',
    source: 'spec C28, spec C47',
    given: 'a body that would otherwise create a webhook on a run-unique event',
    when: 'POST /api/v1/Webhook with a lone surrogate in Name, a Properties key, an Events item; with Properties { "__proto__": "x" }',
    then: '400 in the error shape each time, and no webhook listens for the event',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const event = ctx.eventName();
      const rest = `"Events":[${JSON.stringify(event)}],"TargetUrl":${JSON.stringify(ctx.targetUrl())}`;
      const name = JSON.stringify(ctx.name());
      for (const rawBody of [
        `{"Name":${name.slice(0, -1)}\\ud800",${rest}}`,
        `{"Name":${name},"Properties":{"__proto__":"x"},${rest}}`,
        `{"Name":${name},"Properties":{"x\\udc00":"x"},${rest}}`,
        `{"Name":${name},"Events":[${JSON.stringify(event)},"x\\ud800"],"TargetUrl":${JSON.stringify(ctx.targetUrl())}}`,
      ]) {
        const res = await ctx.request('POST', REST, { rawBody });
        const body = res.body as Record<string, unknown> | null;
        if (res.status < 300 && typeof body?.WebhookId === 'number') ctx.track(body.WebhookId);
        ctx.expectStatus(res, 400);
        ctx.expectErrorShape(res);
      }
      await expectNothingCreated(ctx, event);
    },
  },
  {
    id: 'bad-input.unknown-route-404',
    area,
    title: 'An unknown route is 404 in the error shape',
    source: 'spec C17',
    given: 'any target',
    when: 'GET /api/v1/Agents/Webhook/NoSuchMethod',
    then: '404 (or 405) in the error shape',
    tags: ['choice', 'errors'],
    mutates: false,
    async run(ctx) {
      const res = await ctx.request('GET', `${AGENT}/NoSuchMethod`);
      ctx.expectStatus(res, [404, 405]);
      ctx.expectErrorShape(res);
    },
  },
  {
    id: 'bad-input.signal-without-event-400',
    area,
    title: 'SignalEvent without EventName is 400',
    source: 'seeds/002_569939bd557dcdf8.txt',
    given: 'any target',
    when: 'POST Agents/Webhook/SignalEvent { PrimaryKey: 1 }',
    then: '400 in the error shape',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const res = await ctx.request('POST', `${AGENT}/SignalEvent`, { body: { PrimaryKey: 1 } });
      ctx.expectStatus(res, 400);
      ctx.expectErrorShape(res);
      ctx.expectSchema('signalEvent', res);
    },
  },
  {
    id: 'bad-input.malformed-patch-400',
    area,
    title: 'A patch operation without op is 400',
    source: 'spec C2',
    given: 'an Active webhook this run created',
    when: 'PATCH /api/v1/Webhook/{id} [{ path: "/State", value: "Stopped" }]',
    then: '400 in the error shape; nothing changed',
    tags: ['choice', 'patch', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ path: '/State', value: 'Stopped' }],
      });
      ctx.expectStatus(res, 400);
      ctx.expectErrorShape(res);
      ctx.expectSchema('patchWebhook', res);
      await expectUnchanged(ctx, hook.id, { State: 'Active' });
    },
  },
];
