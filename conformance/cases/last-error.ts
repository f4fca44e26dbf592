// LastError: "Most recent error from target: HTTP headers + body", read through REST and the
// agent (docs/sources.md §1a R10, §1b A8, §2); unknown ids per spec C4 (agent) and C6 (REST).
import type { ConformanceCase } from '../types.js';
import { describe } from './body-checks.js';
import { awaitDelivery, pollFor, signalEvent } from './delivery-waits.js';
import { AGENT, REST } from './surfaces.js';

const area = 'test-and-lasterror';

export const lastErrorCases: ConformanceCase[] = [
  {
    id: 'lasterror.rest',
    area,
    title: 'GET /Webhook/{id}/LastError answers "" for a webhook without errors',
    source: 'reference §1a R10',
    given: 'a webhook this run created',
    when: 'GET /api/v1/Webhook/{id}/LastError',
    then: "200 with a body matching the spec's getWebhookLastError response",
    tags: ['doc', 'schema'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('GET', `${REST}/${hook.id}/LastError`);
      ctx.expectStatus(res, 200);
      ctx.expectSchema('getWebhookLastError', res);
      // "Error message, or empty string if no errors received" (official client).
      ctx.check(
        res.body === '',
        `a webhook without errors answered ${JSON.stringify(res.body)}, not ""`,
        res,
      );
    },
  },
  {
    id: 'lasterror.agent',
    area,
    title: 'Agent GetLastError answers "" for a webhook without errors',
    source: 'reference §1b A8',
    given: 'a webhook this run created',
    when: 'POST Agents/Webhook/GetLastError { WebhookId }',
    then: "200 with a body matching the spec's getLastError response",
    tags: ['doc', 'schema'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('POST', `${AGENT}/GetLastError`, {
        body: { WebhookId: hook.id },
      });
      ctx.expectStatus(res, 200);
      ctx.expectSchema('getLastError', res);
      // "Error message, or empty string if no errors received" (official client).
      ctx.check(
        res.body === '',
        `a webhook without errors answered ${JSON.stringify(res.body)}, not ""`,
        res,
      );
    },
  },
  {
    id: 'lasterror.rest-unknown-404',
    area,
    title: 'REST LastError of an unknown id is 404',
    source: 'spec C6',
    given: 'an id the target answers 404 for',
    when: 'GET /api/v1/Webhook/<unknown>/LastError',
    then: '404 in the error shape',
    tags: ['choice', 'unknown-id'],
    mutates: false,
    async run(ctx) {
      const res = await ctx.request('GET', `${REST}/${await ctx.unusedId()}/LastError`);
      ctx.expectStatus(res, 404);
      ctx.expectErrorShape(res);
    },
  },
  {
    id: 'lasterror.agent-unknown-null',
    area,
    title: 'Agent GetLastError of an unknown id answers null',
    source: 'spec C4',
    given: 'an id the target answers 404 for',
    when: 'POST Agents/Webhook/GetLastError { WebhookId: <unknown> }',
    then: '200 with null',
    tags: ['choice', 'unknown-id'],
    mutates: false,
    async run(ctx) {
      const id = await ctx.unusedId();
      const res = await ctx.request('POST', `${AGENT}/GetLastError`, { body: { WebhookId: id } });
      ctx.expectStatus(res, 200);
      ctx.check(res.body === null, `expected null, got ${describe(res.body)}`, res);
    },
  },
  {
    id: 'lasterror.after-failed-delivery',
    area,
    title: "A failed delivery becomes the webhook's LastError",
    source: 'reference §2',
    given: 'a webhook whose target answers 500 to events (200 to the test ping)',
    when: 'its event is signalled and the delivery fails',
    then: 'REST LastError and agent GetLastError answer the same non-empty text',
    tags: ['doc', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      ctx.requireReceiver().respond(ctx.receiverPath(), (d) => (d.isTest ? 200 : 500));
      const hook = await ctx.createWebhook();
      await signalEvent(ctx, hook.event, 1);
      await awaitDelivery(ctx, ctx.receiverPath());
      const lastError = async () => {
        const res = await ctx.request('GET', `${REST}/${hook.id}/LastError`);
        return typeof res.body === 'string' && res.body !== '' ? res.body : undefined;
      };
      const text = await pollFor(lastError, ctx.deliveryTimeoutMs, ctx.signal);
      ctx.check(text !== undefined, 'LastError stayed empty after the target answered 500');
      // The failed delivery's retries go on meanwhile and may write a newer LastError between
      // the two surfaces' reads: the pair is compared when REST read the same before and after.
      const agentRead = async () => {
        const before = await lastError();
        const agent = await ctx.request('POST', `${AGENT}/GetLastError`, {
          body: { WebhookId: hook.id },
        });
        return (await lastError()) === before ? { before, agent } : undefined;
      };
      const read = await pollFor(agentRead, ctx.deliveryTimeoutMs, ctx.signal);
      if (!read) return ctx.fail('LastError changed during every REST/Agent read pair');
      const { before, agent } = read;
      ctx.check(agent.body === before, `GetLastError answered ${describe(agent.body)}`, agent);
    },
  },
  {
    id: 'lasterror.names-the-answer',
    area,
    title: "LastError holds the failed answer's status, headers and body",
    source: 'reference §2',
    given:
      'a webhook whose target answers events 500 with a body and a header of its own, the header sent twice',
    when: 'its event is signalled and the delivery fails',
    then: 'LastError names 500 and holds both values of the header and the body text',
    tags: ['doc', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      const [value, second, text] = [
        `soconf-${ctx.runId}-header`,
        `soconf-${ctx.runId}-again`,
        `soconf ${ctx.runId} body`,
      ];
      ctx
        .requireReceiver()
        .respond(ctx.receiverPath(), (d) =>
          d.isTest
            ? 200
            : { status: 500, body: text, headers: { 'X-Soconf-Answer': [value, second] } },
        );
      const hook = await ctx.createWebhook();
      await signalEvent(ctx, hook.event, 1);
      await awaitDelivery(ctx, ctx.receiverPath());
      const read = async () => {
        const res = await ctx.request('GET', `${REST}/${hook.id}/LastError`);
        return typeof res.body === 'string' && res.body !== '' ? res : undefined;
      };
      const res = await pollFor(read, ctx.deliveryTimeoutMs, ctx.signal);
      if (!res) return ctx.fail('LastError stayed empty after the target answered 500');
      // "Most recent error from target: HTTP headers + body" (§2): the form is not documented.
      const lastError = String(res.body);
      const missing = [
        ...(lastError.includes('500') ? [] : ['the status 500']),
        ...(lastError.includes(value) ? [] : [`the header value ${value}`]),
        // A header the answer repeated is still the answer's: both of its values are kept.
        ...(lastError.includes(second) ? [] : [`the repeated header's second value ${second}`]),
        ...(lastError.includes(text) ? [] : [`the body "${text}"`]),
        // Nothing the target did not send: its answer holds no NUL character.
        ...(lastError.includes('\u0000')
          ? ['only what the target sent (it holds NUL characters)']
          : []),
      ];
      ctx.check(missing.length === 0, `LastError lacks ${missing.join(', ')}`, res);
    },
  },
];
