// A TargetUrl must be https (docs/sources.md §2c; the official client's fixture: "Webhook
// TargetUrl must be secure: 'HTTPS:' not found in …"): hosts that merely contain `localhost`
// and other schemes on a loopback address are refused like any plain http address.
import type { ConformanceCase } from '../types.js';
import { REST } from './surfaces.js';
import { expectNothingCreated } from './webhook-reads.js';

const INSECURE = [
  'http://soconf-localhost/hook',
  'http://soconf-localhost.invalid/hook',
  'http://localhost.soconf.invalid/hook',
  'ftp://127.0.0.1/hook',
];

export const targetUrlCases: ConformanceCase[] = [
  {
    id: 'bad-input.insecure-target-variants-400',
    area: 'bad-input',
    title: 'Look-alike local hosts and other schemes are not secure TargetUrls',
    source: 'reference §2c',
    given: 'new webhooks on run-unique events',
    when: `POST /api/v1/Webhook with TargetUrl ${INSECURE.join(', ')}`,
    then: '400 ArgumentException naming HTTPS each time, and no webhook listens for the event',
    tags: ['client', 'errors'],
    mutates: true,
    async run(ctx) {
      for (const TargetUrl of INSECURE) {
        const event = ctx.eventName();
        const res = await ctx.request('POST', REST, {
          body: { Name: ctx.name(), Events: [event], TargetUrl },
        });
        ctx.expectStatus(res, 400, `POST with TargetUrl ${TargetUrl}`);
        ctx.expectErrorShape(res);
        const body = res.body as Record<string, unknown>;
        const message = String(body.Message ?? body.ErrorMessage ?? '');
        ctx.check(
          body.ErrorType === 'ArgumentException' && /https/i.test(message),
          `TargetUrl ${TargetUrl}: ErrorType ${String(body.ErrorType)}, message "${message}"; expected ArgumentException naming HTTPS`,
          res,
        );
        await expectNothingCreated(ctx, event);
      }
    },
  },
  {
    id: 'bad-input.missing-or-malformed-target-400',
    area: 'bad-input',
    title: 'A missing, empty or malformed TargetUrl is 400',
    source: 'reference §2c',
    given: 'new webhooks on run-unique events',
    when: 'POST /api/v1/Webhook with TargetUrl null, "", "not a url" and "https://"',
    then: '400 in the error shape each time, and no webhook listens for the event',
    tags: ['client', 'errors'],
    mutates: true,
    async run(ctx) {
      for (const TargetUrl of [null, '', 'not a url', 'https://']) {
        const event = ctx.eventName();
        const res = await ctx.request('POST', REST, {
          body: { Name: ctx.name(), Events: [event], TargetUrl },
        });
        ctx.expectStatus(res, 400, `POST with TargetUrl ${JSON.stringify(TargetUrl)}`);
        ctx.expectErrorShape(res);
        await expectNothingCreated(ctx, event);
      }
    },
  },
  {
    id: 'bad-input.webhook-too-large-413',
    area: 'bad-input',
    title: 'A webhook larger than 64 KiB is 413 and is not stored',
    source: 'spec C35',
    given: 'a new webhook on a run-unique event whose Properties hold 70 000 characters',
    when: 'POST /api/v1/Webhook',
    then: '413 PayloadTooLargeException in the error shape, and no webhook listens for the event',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const event = ctx.eventName();
      const res = await ctx.request('POST', REST, {
        body: {
          Name: ctx.name(),
          Events: [event],
          TargetUrl: ctx.targetUrl(),
          Properties: { soconf: 'x'.repeat(70_000) },
        },
      });
      ctx.expectStatus(res, 413);
      ctx.expectErrorShape(res);
      const type = (res.body as Record<string, unknown>).ErrorType;
      ctx.check(type === 'PayloadTooLargeException', `ErrorType is ${String(type)}`, res);
      await expectNothingCreated(ctx, event);
    },
  },
];
