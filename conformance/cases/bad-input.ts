// Bad requests are refused with a 4xx in the SuperOffice error shape and change nothing
// (docs/sources.md §2c, §5; spec C2, C11, C12, C17).
import type { CaseContext, ConformanceCase, HttpResponse, RequestOptions } from '../types.js';
import { REST } from './surfaces.js';
import { expectNothingCreated, expectUnchanged } from './webhook-reads.js';

const area = 'bad-input';

interface CreateRefusal {
  id: string;
  title: string;
  source: string;
  tags: string[];
  when: string;
  status: number;
  /** The request, given a body that would otherwise create a webhook on `event`. */
  request: (ctx: CaseContext, valid: Record<string, unknown>) => RequestOptions;
  extra?: (ctx: CaseContext, res: HttpResponse) => void;
}

function createRefusal(spec: CreateRefusal): ConformanceCase {
  return {
    id: spec.id,
    area,
    title: spec.title,
    source: spec.source,
    given: 'a new webhook on a run-unique event',
    when: spec.when,
    then: `${spec.status} in the error shape, and no webhook listens for the event`,
    tags: spec.tags,
    mutates: true,
    async run(ctx) {
      const event = ctx.eventName();
      const valid = { Name: ctx.name(), Events: [event], TargetUrl: ctx.targetUrl() };
      const res = await ctx.request('POST', REST, spec.request(ctx, valid));
      ctx.expectStatus(res, spec.status);
      ctx.expectErrorShape(res);
      ctx.expectSchema('postWebhook', res);
      spec.extra?.(ctx, res);
      await expectNothingCreated(ctx, event);
    },
  };
}

const messageOf = (res: HttpResponse): string => {
  const body = res.body as Record<string, unknown>;
  return String(body.ErrorMessage ?? body.Message ?? '');
};

export const badInputCases: ConformanceCase[] = [
  createRefusal({
    id: 'bad-input.malformed-json-400',
    title: 'Malformed JSON is 400',
    source: 'spec C2',
    tags: ['choice', 'errors'],
    when: 'POST /api/v1/Webhook with a truncated JSON body',
    status: 400,
    request: (_ctx, valid) => ({ rawBody: JSON.stringify(valid).slice(0, -3) }),
  }),
  createRefusal({
    id: 'bad-input.insecure-target-400',
    title: 'A non-HTTPS TargetUrl is 400 ArgumentException',
    source: 'reference §2c',
    tags: ['client', 'errors'],
    when: 'POST /api/v1/Webhook with TargetUrl http://www.example.com/…',
    status: 400,
    request: (ctx, valid) => ({
      body: { ...valid, TargetUrl: `http://www.example.com/${ctx.runId}` },
    }),
    extra: (ctx, res) => {
      const body = res.body as Record<string, unknown>;
      ctx.check(
        body.ErrorType === 'ArgumentException',
        `ErrorType is ${String(body.ErrorType)}`,
        res,
      );
      // The client's fixture: "Webhook TargetUrl must be secure: 'HTTPS:' not found in …". A
      // refusal for another reason (the target could not be reached) is not this rule.
      const message = String(body.Message ?? body.ErrorMessage ?? '');
      ctx.check(/https/i.test(message), `the message does not name HTTPS: "${message}"`, res);
      // The same fixture names the layer that refused it.
      ctx.check(
        body.ErrorSource === 'SuperOffice.Services.Implementation',
        `ErrorSource is ${JSON.stringify(body.ErrorSource)}, not SuperOffice.Services.Implementation`,
        res,
      );
    },
  }),
  createRefusal({
    id: 'bad-input.unknown-property-400',
    title: 'An unknown property is 400',
    source: 'spec C11',
    tags: ['choice', 'errors'],
    when: 'POST /api/v1/Webhook with an extra property Colour',
    status: 400,
    request: (_ctx, valid) => ({ body: { ...valid, Colour: 'red' } }),
  }),
  createRefusal({
    id: 'bad-input.all-problems-listed',
    title: 'Every problem of a body is reported in one 400',
    source: 'spec C2',
    tags: ['choice', 'errors'],
    when: 'POST /api/v1/Webhook with Name 3 and State "Sleeping"',
    status: 400,
    request: (_ctx, valid) => ({ body: { ...valid, Name: 3, State: 'Sleeping' } }),
    extra: (ctx, res) => {
      const message = messageOf(res);
      const missing = ['Name', 'State'].filter((f) => !message.includes(f));
      ctx.check(missing.length === 0, `the message does not name ${missing.join(', ')}`, res);
    },
  }),
  createRefusal({
    id: 'bad-input.unsupported-media-type-415',
    title: 'A text/plain body is 415',
    source: 'spec C12',
    tags: ['choice', 'content-type', 'errors'],
    when: 'POST /api/v1/Webhook with Content-Type: text/plain',
    status: 415,
    request: (_ctx, valid) => ({
      rawBody: JSON.stringify(valid),
      headers: { 'content-type': 'text/plain' },
    }),
  }),
  {
    id: 'bad-input.put-without-body-400',
    area,
    title: 'PUT without a body is 400',
    source: 'reference §1a R5',
    given: 'a webhook this run created',
    when: 'PUT /api/v1/Webhook/{id} with no body, then with an empty JSON, form and XML body',
    then: '400 "Entity to save is not in request body" in the error shape; nothing changed',
    tags: ['doc', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      // No body at all, and an empty one declared as any body type (C12): none is an entity.
      const empty = (type: string) => ({ rawBody: '', headers: { 'content-type': type } });
      for (const options of [
        {},
        empty('application/json'),
        empty('application/x-www-form-urlencoded'),
        empty('application/xml'),
      ]) {
        const res = await ctx.request('PUT', `${REST}/${hook.id}`, options);
        ctx.expectStatus(res, 400);
        ctx.expectErrorShape(res);
        ctx.expectSchema('putWebhook', res);
        const message = messageOf(res);
        ctx.check(
          message.includes('Entity to save is not in request body'),
          `the message is "${message}", not the documented one`,
          res,
        );
      }
      await expectUnchanged(ctx, hook.id, { Name: hook.name, Events: [hook.event] });
    },
  },
  {
    id: 'bad-input.invalid-patch-value-400',
    area,
    title: 'A patch to an invalid value is 400',
    source: 'spec C2',
    given: 'an Active webhook this run created',
    when: 'PATCH /api/v1/Webhook/{id} [{ replace /State "Sleeping" }]',
    then: '400 in the error shape; nothing changed',
    tags: ['choice', 'patch', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: [{ op: 'replace', path: '/State', value: 'Sleeping' }],
      });
      ctx.expectStatus(res, 400);
      ctx.expectErrorShape(res);
      await expectUnchanged(ctx, hook.id, { State: 'Active' });
    },
  },
];
