// A webhook's second event, and If-Unmodified-Since at its edges: a value that is not an HTTP date is ignored (RFC 9110
// §13.1.4: "if the field value is not a valid HTTP-date, the recipient MUST ignore" it), and a
// stale date is refused before a patch is applied, so 412 wins over a failing `test` (409).
import type { ConformanceCase } from '../types.js';
import { getWebhook, listedIds } from './webhook-reads.js';
import { REST } from './surfaces.js';

const area = 'patch';
const PATCH_TYPE = { 'content-type': 'application/json-patch+json' };

export const preconditionEdgeCases: ConformanceCase[] = [
  {
    id: 'filters.event-second-item',
    area: 'select-and-filters',
    title: "eventFilter matches any of a webhook's events, not only the first",
    source: 'reference §1a R2',
    given: 'a webhook of this run listening for two events, and one listening for the first only',
    when: 'GET /Webhook?eventFilter=<second event>',
    then: 'the two-event webhook is listed, the other is not',
    tags: ['doc', 'filters'],
    mutates: true,
    async run(ctx) {
      const [first, second] = [ctx.eventName('first'), ctx.eventName('second')];
      const both = await ctx.createWebhook({ Name: 'both', Events: [first, second] });
      const one = await ctx.createWebhook({ Name: 'one', Events: [first] });
      const { res, ids } = await listedIds(ctx, { eventFilter: second });
      ctx.check(ids.includes(both.id), `eventFilter=<second event> did not list ${both.id}`, res);
      ctx.check(!ids.includes(one.id), `eventFilter=<second event> listed ${one.id}`, res);
    },
  },
  {
    id: 'patch.unparseable-since-ignored',
    area,
    title: 'An If-Unmodified-Since that is not an HTTP date is ignored',
    source: 'RFC 9110 §13.1.4',
    given: 'a webhook this run created',
    when: 'PATCH [{ replace /Name }] with If-Unmodified-Since: not a date',
    then: '200 and the new Name, as without the header',
    tags: ['doc', 'patch'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const name = `${hook.name} renamed`;
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        headers: { ...PATCH_TYPE, 'if-unmodified-since': 'not a date' },
        body: [{ op: 'replace', path: '/Name', value: name }],
      });
      ctx.expectStatus(res, 200);
      const { res: read, body } = await getWebhook(ctx, hook.id);
      ctx.check(body.Name === name, `Name is ${String(body.Name)} after the PATCH`, read);
    },
  },
  {
    id: 'patch.stale-412-before-test-409',
    area,
    title: 'A stale If-Unmodified-Since is 412 even when a test operation would fail',
    source: 'spec C10',
    given: 'an Active webhook this run created',
    when: 'PATCH [{ test /State "Stopped" }] with If-Unmodified-Since a minute before Updated',
    then: '412: the precondition is checked before the patch is applied',
    tags: ['choice', 'patch', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { body } = await getWebhook(ctx, hook.id);
      const updated = Date.parse(String(body.Updated));
      if (!Number.isFinite(updated)) ctx.skip(`the webhook's Updated is ${String(body.Updated)}`);
      const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
        headers: { ...PATCH_TYPE, 'if-unmodified-since': new Date(updated - 60_000).toUTCString() },
        body: [{ op: 'test', path: '/State', value: 'Stopped' }],
      });
      ctx.expectStatus(res, 412);
      ctx.expectErrorShape(res);
    },
  },
];
