// What a save does beyond a plain create: it refuses a well-formed body whose target fails the
// save-time ping (unless the save stops the webhook) or reaches the server itself, a POST naming
// a WebhookId updates that webhook, and a patch lets read-only fields through when they are the
// entity as read, sent back whole as a merge patch (docs/sources.md §1a R3, §2c; spec C2, C11,
// C16, C25, C46, C48).
import { PreconditionError } from '../outcome.js';
import type { ConformanceCase } from '../types.js';
import { expectFields, objectBody } from './body-checks.js';
import { REST } from './surfaces.js';
import { expectNothingCreated, getWebhook, listedIds, trackIfCreated } from './webhook-reads.js';

export const saveGuardCases: ConformanceCase[] = [
  {
    id: 'save.ping-refused-400',
    area: 'save',
    title: 'A save whose target does not answer the test ping with 200 is refused',
    source: 'reference §2c',
    given: 'a receiver path that answers the test event with 500',
    when: 'POST /api/v1/Webhook (Active, Type webhook) with that TargetUrl',
    then: 'an error in the error shape (400, C2), and no webhook listens for the event',
    tags: ['doc', 'errors'],
    mutates: true,
    async run(ctx) {
      ctx.requireReceiver().respond(ctx.receiverPath('refuses'), (d) => (d.isTest ? 500 : 200));
      const event = ctx.eventName();
      const res = await ctx.request('POST', REST, {
        body: { Name: ctx.name(), Events: [event], TargetUrl: ctx.targetUrl('refuses') },
      });
      trackIfCreated(ctx, res);
      ctx.expectStatus(res, [400, 500]);
      ctx.expectErrorShape(res);
      await expectNothingCreated(ctx, event);
    },
  },
  {
    id: 'save.stopping-unpinged',
    area: 'save',
    title: 'A save that stops a webhook is not pinged, so a failing receiver cannot block it',
    source: 'spec C48',
    given: 'an Active webhook whose receiver path then answers the test event with 500',
    when: 'PATCH its Name (it stays Active), then PATCH its State to Stopped',
    then: 'the rename is refused (the target pings Active saves), the stop is 200 and GET reads Stopped',
    tags: ['choice', 'save', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      let refuse = false;
      ctx
        .requireReceiver()
        .respond(ctx.receiverPath('stopping'), (d) => (d.isTest && refuse ? 500 : 200));
      const hook = await ctx.createWebhook({ TargetUrl: ctx.targetUrl('stopping') });
      refuse = true;
      const patch = (path: string, value: unknown) =>
        ctx.request('PATCH', `${REST}/${hook.id}`, { body: [{ op: 'replace', path, value }] });
      const renamed = await patch('/Name', ctx.name('renamed'));
      if (renamed.status < 400) {
        throw new PreconditionError(
          'a save the receiver refuses',
          `a rename of the Active webhook answered ${renamed.status} although its receiver answers the test event with 500`,
          renamed.evidence,
        );
      }
      const stopped = await patch('/State', 'Stopped');
      ctx.expectStatus(stopped, 200, 'PATCH /State Stopped');
      const { res } = await getWebhook(ctx, hook.id);
      expectFields(ctx, res, { State: 'Stopped' }, 'after the stop');
    },
  },
  {
    id: 'save.self-target-400',
    area: 'save',
    title: 'A TargetUrl that reaches the server itself is refused, also when nothing pings it',
    source: 'spec C25',
    given: "a webhook this run created, whose _Links.Self is the server's own URL",
    when: 'POST /api/v1/Webhook (State Stopped, so no save-time ping) with TargetUrl _Links.Self',
    then: '400 in the error shape, and no webhook listens for the event',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { res: read, body } = await getWebhook(ctx, hook.id);
      const self = (body._Links as Record<string, unknown> | undefined)?.Self;
      if (typeof self !== 'string' || !/^https?:\/\//.test(self)) {
        throw new PreconditionError(
          '_Links.Self',
          'the entity names no URL of the server',
          read.evidence,
        );
      }
      const event = ctx.eventName('self');
      const res = await ctx.request('POST', REST, {
        body: { Name: ctx.name('self'), Events: [event], TargetUrl: self, State: 'Stopped' },
      });
      trackIfCreated(ctx, res);
      ctx.expectStatus(res, 400);
      ctx.expectErrorShape(res);
      await expectNothingCreated(ctx, event);
    },
  },
  {
    id: 'save.post-with-id-updates',
    area: 'save',
    title: 'POST /Webhook naming an existing WebhookId updates that webhook',
    source: 'reference §1a R3',
    given: 'a webhook this run created',
    when: 'POST /api/v1/Webhook with its WebhookId and a new Name (POST calls SaveWebhook)',
    then: '200 with the same WebhookId; GET shows the new Name; no second webhook on the event',
    tags: ['doc'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const name = ctx.name('saved-again');
      const res = await ctx.request('POST', REST, {
        body: { WebhookId: hook.id, Name: name, Events: [hook.event], TargetUrl: hook.targetUrl },
      });
      trackIfCreated(ctx, res);
      ctx.expectStatus(res, 200);
      expectFields(ctx, res, { WebhookId: hook.id, Name: name }, 'the answer');
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, { Name: name }, 'after the POST');
      const { res: listed, ids } = await listedIds(ctx, { eventFilter: hook.event });
      ctx.check(
        ids.length === 1 && ids[0] === hook.id,
        `webhooks on the event: ${ids.join(', ')}`,
        listed,
      );
    },
  },
  {
    id: 'patch.merge-round-trip',
    area: 'patch',
    title: 'The entity as read, sent back whole as a merge patch, changes what it changes',
    source: 'spec C46',
    given: 'a webhook this run created, read back with its read-only fields and _Links',
    when: 'PATCH /api/v1/Webhook/{id} (merge-patch+json) with that entity, Name changed',
    then: '200; GET shows the new Name and the read-only fields as they were',
    tags: ['choice', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { body } = await getWebhook(ctx, hook.id);
      const name = ctx.name('round-trip');
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: { ...body, Name: name },
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      ctx.expectStatus(res, 200);
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, {
        Name: name,
        WebhookId: body.WebhookId,
        Registered: body.Registered,
        TotalCalls: body.TotalCalls,
      });
    },
  },
  {
    id: 'patch.read-only-changes-refused',
    area: 'patch',
    title: 'Only the value a read-only field has passes: an add of it, or a merge null, is 400',
    source: 'spec C46',
    given: 'a webhook this run created',
    when: 'PATCH [{ add /WebhookId <its id> }], then a merge patch { "TotalCalls": null }',
    then: '400 in the error shape each time, and the webhook unchanged',
    tags: ['choice', 'patch', 'read-only'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const attempts = [
        { body: [{ op: 'add', path: '/WebhookId', value: hook.id }] },
        {
          body: { TotalCalls: null },
          headers: { 'content-type': 'application/merge-patch+json' },
        },
      ];
      for (const attempt of attempts) {
        const res = await ctx.request('PATCH', `${REST}/${hook.id}`, attempt);
        ctx.expectStatus(res, 400);
        ctx.expectErrorShape(res);
      }
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, { WebhookId: hook.id, Name: hook.name, TotalCalls: 0 });
    },
  },
  {
    id: 'patch.merge-member-case',
    area: 'patch',
    title: 'Merge patch members bind in any case, also the object they merge into',
    source: 'spec C11',
    given: 'a webhook this run created with Headers { X-Conf-One: "1" }',
    when: 'PATCH /api/v1/Webhook/{id} (merge-patch+json) { "headers": { "X-Conf-Two": "2" } }',
    then: '200; GET shows Headers with both members (merged into, not replaced)',
    tags: ['choice', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({ Headers: { 'X-Conf-One': '1' } });
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        body: { headers: { 'X-Conf-Two': '2' } },
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      ctx.expectStatus(res, 200);
      const { res: after } = await getWebhook(ctx, hook.id);
      const headers = objectBody(ctx, after).Headers as Record<string, unknown> | null;
      ctx.check(
        headers?.['X-Conf-One'] === '1' && headers['X-Conf-Two'] === '2',
        `Headers is ${JSON.stringify(headers)}, not both members`,
        after,
      );
    },
  },
];
