// Stepped PATCH cases: patches sent in order, each with the status the RFCs give, and the
// webhook read back after the last; a refused patch changes nothing (RFC 6902 §5).
import type { CaseContext, ConformanceCase, WebhookInput } from '../types.js';
import { expectFields } from './body-checks.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

const area = 'patch';

export interface Step {
  patch: unknown;
  status: 200 | 400 | 409;
}

interface StepsSpec {
  id: string;
  title: string;
  source: string;
  tags?: string[];
  given: string;
  /** The webhook to create, given the context (for event names). */
  fields: (ctx: CaseContext) => WebhookInput;
  steps: (ctx: CaseContext) => Step[];
  then: string;
  /** Field values GET /Webhook/{id} must show after the last step. */
  expect: (ctx: CaseContext) => Record<string, unknown>;
}

export function stepsCase(spec: StepsSpec): ConformanceCase {
  return {
    id: spec.id,
    area,
    title: spec.title,
    source: spec.source,
    given: spec.given,
    when: 'PATCH /api/v1/Webhook/{id}, one or more times',
    then: spec.then,
    tags: spec.tags ?? ['doc', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook(spec.fields(ctx));
      for (const step of spec.steps(ctx)) {
        const res = await ctx.request('PATCH', `${REST}/${hook.id}`, { body: step.patch });
        ctx.expectStatus(res, step.status, `PATCH ${JSON.stringify(step.patch)}`);
        if (step.status !== 200) ctx.expectErrorShape(res);
      }
      const { res: after } = await getWebhook(ctx, hook.id);
      expectFields(ctx, after, spec.expect(ctx), 'after the patches');
    },
  };
}

/** A refused patch: its first operation would stop the webhook, so "unchanged" is visible. */
export function refused(
  id: string,
  title: string,
  source: string,
  fields: (ctx: CaseContext) => WebhookInput,
  operation: (ctx: CaseContext) => unknown,
  then: string,
): ConformanceCase {
  return stepsCase({
    id,
    title,
    source,
    tags: ['doc', 'patch', 'errors'],
    given: 'an Active webhook this run created',
    fields,
    steps: (ctx) => [
      { patch: [{ op: 'replace', path: '/State', value: 'Stopped' }, operation(ctx)], status: 400 },
    ],
    then: `400 in the error shape (${then}), nothing changed`,
    expect: () => ({ State: 'Active' }),
  });
}

export const twoEvents = (ctx: CaseContext) => ({
  Events: [ctx.eventName('a'), ctx.eventName('b')],
});
/** A member literally named "undefined": a lookup that lost its key must not find it. */
export const PROPS = { undefined: 'u', keep: 'k' };
export const withProps = () => ({ Properties: { ...PROPS } });
