// Saving and deleting ids that do not exist (spec C5–C7). The id is one GET answered 404 for,
// so these cases never address a webhook that is really on the target.
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { expectNoContent } from './body-checks.js';
import { AGENT, REST } from './surfaces.js';

const area = 'save';

function unknownIdCase(
  id: string,
  title: string,
  source: string,
  when: string,
  status: number,
  call: (ctx: CaseContext, unused: number) => Promise<HttpResponse>,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source,
    given: 'an id the target answers 404 for',
    when,
    then: status === 204 ? '204, deleting is idempotent' : `${status} in the error shape`,
    tags: ['choice', 'unknown-id'],
    mutates: true,
    async run(ctx) {
      const unused = await ctx.unusedId();
      const res = await call(ctx, unused);
      if (status === 204) {
        expectNoContent(ctx, res);
        return;
      }
      ctx.expectStatus(res, status);
      ctx.expectErrorShape(res);
      const after = await ctx.request('GET', `${REST}/${unused}`);
      ctx.expectStatus(after, 404, 'the unknown id afterwards');
    },
  };
}

const newBody = (ctx: CaseContext) => ({
  Name: ctx.name(),
  Events: [ctx.eventName()],
  TargetUrl: ctx.targetUrl(),
});

export const saveUnknownCases: ConformanceCase[] = [
  unknownIdCase(
    'save.save-unknown-id-404',
    'SaveWebhook with an unknown WebhookId is 404',
    'spec C7',
    'POST Agents/Webhook/SaveWebhook { WebhookId: <unknown> }',
    404,
    (ctx, unused) =>
      ctx.request('POST', `${AGENT}/SaveWebhook`, { body: { ...newBody(ctx), WebhookId: unused } }),
  ),
  unknownIdCase(
    'save.put-unknown-id-404',
    'PUT /Webhook/{id} of an unknown id is 404',
    'spec C6',
    'PUT /api/v1/Webhook/<unknown>',
    404,
    (ctx, unused) => ctx.request('PUT', `${REST}/${unused}`, { body: newBody(ctx) }),
  ),
  unknownIdCase(
    'save.delete-unknown-id-404',
    'DELETE /Webhook/{id} of an unknown id is 404',
    'spec C6',
    'DELETE /api/v1/Webhook/<unknown>',
    404,
    (ctx, unused) => ctx.request('DELETE', `${REST}/${unused}`),
  ),
  unknownIdCase(
    'save.delete-agent-unknown-id-204',
    'Agent DeleteWebhook of an unknown id is 204',
    'spec C5',
    'POST Agents/Webhook/DeleteWebhook?WebhookId=<unknown>',
    204,
    (ctx, unused) =>
      ctx.request('POST', `${AGENT}/DeleteWebhook`, { query: { WebhookId: unused } }),
  ),
];
