// TestWebhook sends the `test` event to a definition's TargetUrl and always answers 200 with
// Success telling whether the target answered 200 (docs/sources.md §1a R8, §1b A6, §2b).
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { expectFields } from './body-checks.js';
import { awaitDelivery } from './delivery-waits.js';
import { AGENT, REST } from './surfaces.js';
import { expectNothingCreated } from './webhook-reads.js';

const area = 'test-and-lasterror';

type Surface = 'rest' | 'agent';

async function testWebhook(
  ctx: CaseContext,
  surface: Surface,
  definition: Record<string, unknown>,
) {
  return surface === 'rest'
    ? ctx.request('POST', `${REST}/Test`, { body: definition })
    : ctx.request('POST', `${AGENT}/TestWebhook`, { body: { Webhook: definition } });
}

const operationOf = (surface: Surface) => (surface === 'rest' ? 'testWebhook' : 'testWebhookAgent');

function definition(ctx: CaseContext, targetUrl: string) {
  return { Name: ctx.name(), Events: [ctx.eventName()], TargetUrl: targetUrl, Type: 'webhook' };
}

function expectOutcome(ctx: CaseContext, surface: Surface, res: HttpResponse, success: boolean) {
  ctx.expectStatus(res, 200);
  ctx.expectSchema(operationOf(surface), res);
  expectFields(ctx, res, { Success: success });
}

function successCase(surface: Surface): ConformanceCase {
  const call =
    surface === 'rest'
      ? 'POST /api/v1/Webhook/Test'
      : 'POST Agents/Webhook/TestWebhook { Webhook }';
  return {
    id: `test.${surface}-success`,
    area,
    title: `${surface === 'rest' ? 'Webhook/Test' : 'TestWebhook'} reports a target answering 200`,
    source: surface === 'rest' ? 'reference §1a R8' : 'reference §1b A6',
    given: 'a definition whose TargetUrl is the receiver, answering 200',
    when: call,
    then: '200 with Success true, and the receiver got the test event (X-Hook-Test: true)',
    tags: ['doc', 'schema', 'receiver'],
    mutates: false,
    needsReceiver: true,
    async run(ctx) {
      const res = await testWebhook(ctx, surface, definition(ctx, ctx.targetUrl()));
      expectOutcome(ctx, surface, res, true);
      await awaitDelivery(
        ctx,
        ctx.receiverPath(),
        (d) => d.path === ctx.receiverPath() && d.isTest,
      );
    },
  };
}

export const testCases: ConformanceCase[] = [
  successCase('rest'),
  successCase('agent'),
  {
    id: 'test.target-error',
    area,
    title: 'A target answering 500 makes Success false',
    source: 'reference §2b',
    given: 'a definition whose TargetUrl answers 500',
    when: 'POST Agents/Webhook/TestWebhook',
    then: '200 with Success false (test endpoints always answer 200)',
    tags: ['doc', 'receiver'],
    mutates: false,
    needsReceiver: true,
    async run(ctx) {
      ctx.requireReceiver().respond(ctx.receiverPath(), () => 500);
      const res = await testWebhook(ctx, 'agent', definition(ctx, ctx.targetUrl()));
      expectOutcome(ctx, 'agent', res, false);
    },
  },
  {
    id: 'test.unreachable-target',
    area,
    title: 'An unreachable target makes Success false',
    source: 'reference §2b',
    given: 'a definition whose TargetUrl host does not resolve (.invalid, RFC 6761)',
    when: 'POST /api/v1/Webhook/Test',
    then: '200 with Success false and a Message',
    tags: ['doc'],
    mutates: false,
    async run(ctx) {
      const target = `https://soconf-${ctx.runId}.invalid/hook`;
      const res = await testWebhook(ctx, 'rest', definition(ctx, target));
      expectOutcome(ctx, 'rest', res, false);
    },
  },
  {
    id: 'test.refused-target',
    area,
    title: 'A target that refuses the connection makes Success false',
    source: 'reference §2b',
    given: 'a definition whose TargetUrl is https://127.0.0.1:1/ (a port nothing listens on)',
    when: 'POST /api/v1/Webhook/Test',
    then: '200 with Success false (test endpoints always answer 200)',
    tags: ['doc'],
    mutates: false,
    probesElsewhere: true,
    async run(ctx) {
      const res = await testWebhook(ctx, 'rest', definition(ctx, 'https://127.0.0.1:1/soconf'));
      expectOutcome(ctx, 'rest', res, false);
    },
  },
  {
    id: 'test.saves-nothing',
    area,
    title: 'Testing a definition does not save it',
    source: 'reference §1a R8',
    given: 'a definition on a run-unique event',
    when: 'POST /api/v1/Webhook/Test, then list the event',
    then: 'no webhook listens for the event',
    tags: ['doc'],
    mutates: false,
    async run(ctx) {
      const def = definition(ctx, `https://soconf-${ctx.runId}.invalid/hook`);
      ctx.expectStatus(await testWebhook(ctx, 'rest', def), 200);
      await expectNothingCreated(ctx, def.Events[0] ?? '');
    },
  },
];
