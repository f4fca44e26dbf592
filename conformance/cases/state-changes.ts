// What a change of State does: a save that stops or restarts a webhook fires
// `webhook{id}.stopped` / `webhook{id}.started` to the webhooks subscribed to it, and a save that
// keeps the State fires nothing (docs/sources.md §4); re-enabling a disabled webhook clears its
// ConsecutiveErrors (spec C45). Waiting out a failed cycle on its own webhook, the last case
// runs alongside the others (ConformanceCase.concurrent).
import { PreconditionError } from '../outcome.js';
import type { CaseContext, ConformanceCase } from '../types.js';
import { concurrently, deliveryCase } from './delivery-support.js';
import {
  awaitDelivery,
  awaitState,
  deliveryEvidence,
  nonTest,
  pollFor,
  signalEvent,
} from './delivery-waits.js';
import { PRIMARY_KEY } from './delivery-support.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

async function patchWebhook(ctx: CaseContext, id: number, path: string, value: unknown) {
  const res = await ctx.request('PATCH', `${REST}/${id}`, {
    body: [{ op: 'replace', path, value }],
  });
  ctx.expectStatus(res, 200, `PATCH ${path}`);
}

export const stateChangeCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.state-change-events',
    'Stopping and restarting a webhook fires webhook{id}.stopped and .started',
    'reference §4',
    [
      'a webhook B, and a webhook A subscribed to webhook{B}.started and webhook{B}.stopped',
      'PATCH B Name, then State Stopped, then State Active',
      'A receives webhook{B}.stopped, then webhook{B}.started; the rename fires nothing',
    ],
    async (ctx) => {
      const watched = await ctx.createWebhook();
      const id = watched.id;
      const path = ctx.receiverPath('watcher');
      await ctx.createWebhook({
        Events: [`webhook${id}.started`, `webhook${id}.stopped`],
        TargetUrl: ctx.targetUrl('watcher'),
      });
      const eventOf = (n: number) => {
        const got = ctx
          .requireReceiver()
          .deliveries(path)
          .filter((d) => !d.isTest)[n];
        return got?.headers['x-superoffice-event'];
      };
      await patchWebhook(ctx, id, '/Name', ctx.name('renamed'));
      await patchWebhook(ctx, id, '/State', 'Stopped');
      const stopped = await awaitDelivery(ctx, path);
      ctx.check(
        eventOf(0) === `webhook${id}.stopped`,
        `the first delivery to A is ${String(eventOf(0))}, expected webhook${id}.stopped (a rename keeps the State)`,
        deliveryEvidence(ctx, stopped),
      );
      await patchWebhook(ctx, id, '/State', 'Active');
      const started = await awaitDelivery(
        ctx,
        path,
        (d) => nonTest(path)(d) && d.receivedAt > stopped.receivedAt,
      );
      ctx.check(
        eventOf(1) === `webhook${id}.started`,
        `the second delivery to A is ${String(eventOf(1))}, expected webhook${id}.started`,
        deliveryEvidence(ctx, started),
      );
    },
  ),
  deliveryCase(
    'deliveries.reactivation-resets-errors',
    'Saving a disabled webhook Active clears ConsecutiveErrors; other saves keep it',
    'spec C45',
    [
      'a webhook disabled by a 410 from its receiver (State TooManyErrors)',
      'PATCH its Name, then its State Active',
      'after the rename ConsecutiveErrors is unchanged and State still TooManyErrors; after Active it is 0',
    ],
    async (ctx) => {
      ctx.requireReceiver().respond(ctx.receiverPath(), (d) => (d.isTest ? 200 : 410));
      const hook = await ctx.createWebhook();
      await signalEvent(ctx, hook.event, PRIMARY_KEY);
      await awaitDelivery(ctx, ctx.receiverPath());
      const disabled = await awaitState(ctx, hook.id, 'TooManyErrors');
      if (!('ConsecutiveErrors' in disabled)) ctx.skip('the target has no ConsecutiveErrors');
      if (typeof disabled.ConsecutiveErrors !== 'number' || disabled.ConsecutiveErrors < 1) {
        throw new PreconditionError(
          'a counted failure',
          `the disabled webhook's ConsecutiveErrors is ${String(disabled.ConsecutiveErrors)}`,
        );
      }
      await patchWebhook(ctx, hook.id, '/Name', ctx.name('renamed'));
      const { res: renamedRes, body: renamed } = await getWebhook(ctx, hook.id);
      ctx.check(
        renamed.State === 'TooManyErrors' &&
          renamed.ConsecutiveErrors === disabled.ConsecutiveErrors,
        `after a rename State is ${String(renamed.State)} and ConsecutiveErrors ${String(renamed.ConsecutiveErrors)}, expected TooManyErrors and ${String(disabled.ConsecutiveErrors)}`,
        renamedRes,
      );
      ctx.requireReceiver().respond(ctx.receiverPath(), () => 200);
      await patchWebhook(ctx, hook.id, '/State', 'Active');
      const { res, body } = await getWebhook(ctx, hook.id);
      ctx.check(
        body.State === 'Active' && body.ConsecutiveErrors === 0,
        `after saving Active State is ${String(body.State)} and ConsecutiveErrors ${String(body.ConsecutiveErrors)}, expected Active and 0`,
        res,
      );
    },
    ['choice'],
  ),
  concurrently(
    deliveryCase(
      'deliveries.active-save-keeps-errors',
      'Saving an Active webhook keeps its ConsecutiveErrors',
      'spec C45',
      [
        'an Active webhook whose receiver answers 500, after one failed cycle (ConsecutiveErrors 1)',
        'PATCH its Name',
        'State is still Active and ConsecutiveErrors unchanged',
      ],
      async (ctx) => {
        ctx.requireReceiver().respond(ctx.receiverPath(), (d) => (d.isTest ? 200 : 500));
        const hook = await ctx.createWebhook();
        if (!('ConsecutiveErrors' in hook.body)) ctx.skip('the target has no ConsecutiveErrors');
        await signalEvent(ctx, hook.event, PRIMARY_KEY);
        // A cycle ends after its third attempt, 1 s + 4 s after the first (docs/sources.md §3d).
        const cycleMs = ctx.deliveryTimeoutMs + 5_000 * ctx.timeScale * 3;
        const failed = await pollFor(
          async () => {
            const { body } = await getWebhook(ctx, hook.id);
            const errors = body.ConsecutiveErrors;
            return typeof errors === 'number' && errors >= 1 ? errors : undefined;
          },
          cycleMs,
          ctx.signal,
        );
        if (failed === undefined) {
          throw new PreconditionError(
            'a failed delivery cycle',
            `ConsecutiveErrors did not rise within ${cycleMs / 1000} s of a signal its receiver answers 500`,
          );
        }
        await patchWebhook(ctx, hook.id, '/Name', ctx.name('renamed'));
        const { res, body } = await getWebhook(ctx, hook.id);
        ctx.check(
          body.State === 'Active' && body.ConsecutiveErrors === failed,
          `after a rename State is ${String(body.State)} and ConsecutiveErrors ${String(body.ConsecutiveErrors)}, expected Active and ${failed}`,
          res,
        );
      },
      ['choice'],
    ),
  ),
];
