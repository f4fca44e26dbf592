// Every read-only field, not one of them (spec C16): a PATCH of any of the nine is 400 and
// changes nothing, and a created webhook's counters and LastError are the server's, whatever the
// body said.
import type { ConformanceCase } from '../types.js';
import { expectFields } from './body-checks.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

/** C16's list, in the order spec/README.md gives it. */
const READ_ONLY = [
  'WebhookId',
  'Registered',
  'RegisteredAssociate',
  'Updated',
  'UpdatedAssociate',
  'TotalCalls',
  'TotalErrors',
  'ConsecutiveErrors',
  'LastError',
];

/** A valid value of the field's type that differs from `current` (an equal one is a no-op). */
function another(current: unknown): unknown {
  if (typeof current === 'number') return current + 7;
  if (typeof current === 'string') return '2001-02-03T04:05:06';
  if (current === null) return 'soconf';
  return null;
}

export const readOnlyCases: ConformanceCase[] = [
  {
    id: 'patch.each-read-only-refused',
    area: 'patch',
    title: 'A PATCH of any read-only field is 400',
    source: 'spec C16',
    given: 'a webhook this run created',
    when: `PATCH /api/v1/Webhook/{id} replacing each of ${READ_ONLY.join(', ')} with another value`,
    then: '400 in the error shape each time, and every field is as it was',
    tags: ['choice', 'patch', 'read-only', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { body: before } = await getWebhook(ctx, hook.id);
      const present = READ_ONLY.filter((field) => field in before);
      for (const field of present) {
        const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
          body: [{ op: 'replace', path: `/${field}`, value: another(before[field]) }],
        });
        ctx.expectStatus(res, 400, `PATCH replace /${field}`);
        ctx.expectErrorShape(res);
      }
      const { res } = await getWebhook(ctx, hook.id);
      const kept = Object.fromEntries(present.map((field) => [field, before[field]]));
      expectFields(ctx, res, kept, 'after the refused patches');
    },
  },
  {
    id: 'save.read-only-counters-ignored',
    area: 'save',
    title: 'Counters and LastError in a created body are ignored',
    source: 'spec C16',
    given: 'a new webhook whose body sets TotalErrors 7, ConsecutiveErrors 5 and LastError',
    when: 'POST /api/v1/Webhook, then GET /api/v1/Webhook/{id}',
    then: 'TotalErrors and ConsecutiveErrors are 0 and LastError null (where the target has them)',
    tags: ['choice', 'read-only'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook({
        TotalErrors: 7,
        ConsecutiveErrors: 5,
        LastError: 'soconf: not an error of this server',
      });
      const { res, body } = await getWebhook(ctx, hook.id);
      const expected = { TotalErrors: 0, ConsecutiveErrors: 0, LastError: null };
      const present = Object.entries(expected).filter(([field]) => field in body);
      expectFields(ctx, res, Object.fromEntries(present), 'the created webhook');
    },
  },
];
