// Saving an existing webhook: Updated moves forward, Registered stays, and a stale
// If-Unmodified-Since refuses PUT and DELETE as it refuses PATCH (docs/sources.md §2; spec C10).
import type { CaseContext, ConformanceCase, CreatedWebhook } from '../types.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

const area = 'save';

/**
 * How long the target's clock must run so a date written now differs from `stamp`: one tick of
 * the finest resolution `stamp` shows (a fraction's last non-zero digit), at least 50 ms for
 * clocks that tick coarser than they print (15.6 ms on Windows), plus as much again. A stamp
 * with no fraction, or only zeros, may come from a clock that keeps whole seconds: a second
 * and a tenth. The reference names no resolution (docs/sources.md §2).
 */
export function clockTickMs(stamp: unknown): number {
  const digits = /\.(\d+)/.exec(String(stamp))?.[1]?.replace(/0+$/, '') ?? '';
  if (digits === '') return 1_100;
  return 2 * Math.max(50, 1000 / 10 ** digits.length);
}

/** Lets the target's clock pass a tick; time has no event to await, so this is bounded. */
const clockPasses = (signal: AbortSignal, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Creates a webhook, lets its clock tick, renames it by PATCH; the dates before and after. */
async function updatedLater(ctx: CaseContext) {
  const hook = await ctx.createWebhook();
  const { body: before } = await getWebhook(ctx, hook.id);
  await clockPasses(ctx.signal, clockTickMs(before.Updated));
  const res = await ctx.request('PATCH', `${REST}/${hook.id}`, {
    body: [{ op: 'replace', path: '/Name', value: ctx.name('renamed') }],
  });
  ctx.expectStatus(res, 200);
  const { res: afterRes, body: after } = await getWebhook(ctx, hook.id);
  return { before, after, afterRes };
}

/** An HTTP date a minute before the webhook's Updated: stale by any reading of C10. */
function staleDate(ctx: CaseContext, body: Record<string, unknown>): string {
  const updated = Date.parse(String(body.Updated));
  if (!Number.isFinite(updated)) ctx.skip(`the webhook's Updated is ${String(body.Updated)}`);
  return new Date(updated - 60_000).toUTCString();
}

function staleCase(
  id: string,
  method: 'PUT' | 'DELETE',
  send: (ctx: CaseContext, hook: CreatedWebhook, date: string) => Promise<void>,
): ConformanceCase {
  return {
    id,
    area,
    title: `A stale If-Unmodified-Since is 412 on ${method}`,
    source: 'spec C10',
    given: 'a webhook this run created',
    when: `${method} /Webhook/{id} with If-Unmodified-Since a minute before its Updated`,
    then: '412 in the error shape, and the webhook is as it was',
    tags: ['choice', 'save', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { body } = await getWebhook(ctx, hook.id);
      await send(ctx, hook, staleDate(ctx, body));
      const { res, body: after } = await getWebhook(ctx, hook.id);
      ctx.check(after.Name === hook.name, `the refused ${method} changed Name`, res);
    },
  };
}

export const saveDateCases: ConformanceCase[] = [
  {
    id: 'save.updated-moves-forward',
    area,
    title: 'Updated moves forward when a webhook changes',
    source: 'reference §2',
    given: 'a webhook this run created, a tick of its clock ago',
    when: 'PATCH its Name, then GET it',
    then: 'Updated is later than before',
    tags: ['doc', 'save', 'dates'],
    mutates: true,
    async run(ctx) {
      const { before, after, afterRes } = await updatedLater(ctx);
      const moved = Date.parse(String(after.Updated)) > Date.parse(String(before.Updated));
      ctx.check(
        moved,
        `Updated did not move forward: ${String(before.Updated)} then ${String(after.Updated)}`,
        afterRes,
      );
    },
  },
  {
    id: 'save.registered-kept',
    area,
    title: 'Registered stays when a webhook changes',
    source: 'reference §2',
    given: 'a webhook this run created, a tick of its clock ago',
    when: 'PATCH its Name, then GET it',
    then: 'Registered is what it was',
    tags: ['doc', 'save', 'dates'],
    mutates: true,
    async run(ctx) {
      const { before, after, afterRes } = await updatedLater(ctx);
      const kept = Date.parse(String(after.Registered)) === Date.parse(String(before.Registered));
      ctx.check(
        kept,
        `Registered changed: ${String(before.Registered)} then ${String(after.Registered)}`,
        afterRes,
      );
    },
  },
  staleCase('save.put-stale-412', 'PUT', async (ctx, hook, date) => {
    const res = await ctx.request('PUT', `${REST}/${hook.id}`, {
      headers: { 'if-unmodified-since': date },
      body: {
        Name: ctx.name('put'),
        Events: [hook.event],
        TargetUrl: hook.targetUrl,
        Type: 'webhook',
        State: 'Active',
      },
    });
    ctx.expectStatus(res, 412);
    ctx.expectErrorShape(res);
  }),
  staleCase('save.delete-stale-412', 'DELETE', async (ctx, hook, date) => {
    const res = await ctx.request('DELETE', `${REST}/${hook.id}`, {
      headers: { 'if-unmodified-since': date },
    });
    ctx.expectStatus(res, 412);
    ctx.expectErrorShape(res);
  }),
];
