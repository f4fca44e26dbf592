// A whole delivery cycle that fails, and what stops one (docs/sources.md §3d): an event whose
// every attempt fails is tried three times — the 2nd 1 s after the 1st, the 3rd 4 s after the
// 2nd — and then given up: one failed cycle, three calls and three errors, the webhook still
// Active. A webhook stopped or deleted while its event is being retried gets no more attempts. Each
// waits on a webhook, event and receiver path of its own (ConformanceCase.concurrent).
import type { Delivery } from '../receiver.js';
import type { CaseContext, ConformanceCase } from '../types.js';
import { PRIMARY_KEY, concurrently, deliveryCase } from './delivery-support.js';
import {
  awaitDelivery,
  deliveryEvidence,
  nextAttempt,
  nonTest,
  pollFor,
  signalEvent,
} from './delivery-waits.js';
import { quietWindow } from './quiet-window.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

/** The documented waits before the 2nd and the 3rd attempt (docs/sources.md §3d). */
const RETRY_DELAYS_MS = [1_000, 4_000] as const;

/** A webhook whose receiver fails every event attempt (the test ping gets 200); its first attempt. */
async function failingFirstAttempt(ctx: CaseContext) {
  ctx.requireReceiver().respond(ctx.receiverPath(), (d) => (d.isTest ? 200 : 500));
  const hook = await ctx.createWebhook();
  // The counters as the save answered them: a read here would cost the target time just as
  // other cases await their first attempts.
  const before = hook.body;
  const sent = performance.now();
  await signalEvent(ctx, hook.event, PRIMARY_KEY);
  const first = await awaitDelivery(ctx, ctx.receiverPath());
  return { hook, before, first, latencyMs: first.receivedAt - sent };
}

const header = (d: Delivery, name: string) => d.headers[name];

/** The counters once the failed cycle shows (ConsecutiveErrors up by one); skip without them. */
async function afterFailedCycle(ctx: CaseContext, id: number, before: Record<string, unknown>) {
  if (typeof before.ConsecutiveErrors !== 'number') {
    ctx.skip('the target has no v11+ delivery counters');
  }
  const settled = await pollFor(
    async () => {
      const { res, body } = await getWebhook(ctx, id);
      const counted = body.ConsecutiveErrors === Number(before.ConsecutiveErrors) + 1;
      return counted ? { res, body } : undefined;
    },
    ctx.deliveryTimeoutMs,
    ctx.signal,
  );
  if (!settled) return ctx.fail('ConsecutiveErrors never counted the failed cycle');
  return settled;
}

/** What a failed cycle adds: 3 calls, 3 errors, 1 consecutive failure; the State stays. */
function cycleProblems(before: Record<string, unknown>, after: Record<string, unknown>) {
  const delta = (key: string) => Number(after[key]) - Number(before[key]);
  return [
    ...(delta('TotalCalls') === 3 ? [] : [`TotalCalls grew by ${delta('TotalCalls')}`]),
    ...(delta('TotalErrors') === 3 ? [] : [`TotalErrors grew by ${delta('TotalErrors')}`]),
    ...(after.State === 'Active' ? [] : [`State is ${JSON.stringify(after.State)}`]),
  ];
}

const cycleCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.failed-cycle',
    'An event whose every attempt fails is tried three times, the third about 4 s after the second',
    'reference §3d',
    [
      'an Active webhook whose receiver answers 500 to every event attempt',
      'SignalEvent for its event',
      'exactly 3 attempts (Retry 0, 1, 2; one EventId), the 3rd 0.5–3 × 4 s after the 2nd (times --time-scale) plus 1 s; then TotalCalls +3, TotalErrors +3, ConsecutiveErrors +1, State Active',
    ],
    async (ctx) => {
      const { hook, before, first, latencyMs } = await failingFirstAttempt(ctx);
      const second = await nextAttempt(ctx, first, RETRY_DELAYS_MS[0]);
      const third = await nextAttempt(ctx, second, RETRY_DELAYS_MS[1]);
      const attempts = [first, second, third];
      const retries = attempts.map((d) => header(d, 'x-superoffice-retry'));
      ctx.check(
        retries.join() === '0,1,2',
        `X-SuperOffice-Retry was ${JSON.stringify(retries)}, expected ["0","1","2"]`,
        deliveryEvidence(ctx, third),
      );
      const ids = new Set(attempts.map((d) => header(d, 'x-superoffice-eventid')));
      ctx.check(ids.size === 1, `the attempts carried EventIds ${[...ids].join(', ')}`);
      const expected = RETRY_DELAYS_MS[1] * ctx.timeScale;
      const gap = third.receivedAt - second.receivedAt;
      const [low, high] = [expected * 0.5, expected * 3 + 1_000];
      ctx.note(`third attempt ${Math.round(gap)} ms after the second; bounds ${low}–${high} ms`);
      ctx.check(
        gap >= low && gap <= high,
        `the third attempt came ${Math.round(gap)} ms after the second; expected ${low}–${high} ms`,
        deliveryEvidence(ctx, third),
      );
      const { strays } = await quietWindow(
        ctx,
        latencyMs,
        (d) => nonTest(ctx.receiverPath())(d) && d.receivedAt > third.receivedAt,
      );
      ctx.check(
        strays.length === 0,
        `${3 + strays.length} attempts: the event was tried again after its third failed attempt`,
        deliveryEvidence(ctx, strays[0] ?? third),
      );
      const { res, body } = await afterFailedCycle(ctx, hook.id, before);
      const problems = cycleProblems(before, body);
      ctx.check(
        problems.length === 0,
        `after one failed cycle ${problems.join('; ')}; expected +3, +3 and Active`,
        res,
      );
    },
  ),
  ...(['stopped', 'deleted'] as const).map((how) =>
    deliveryCase(
      `deliveries.no-retry-when-${how}`,
      `A webhook ${how} while its event is being retried gets no more attempts`,
      how === 'stopped' ? 'reference §3d' : 'reference §1a R6',
      [
        'an Active webhook whose receiver answers 500 to every event attempt',
        `SignalEvent; while the second attempt waits for its answer, the webhook is ${how === 'stopped' ? 'PATCHed to State Stopped' : 'deleted'}`,
        'no third attempt arrives within 3 × the 4 s retry delay (times --time-scale) plus the quiet window',
      ],
      async (ctx) => {
        // The second attempt is answered only once the webhook is stopped or deleted, so the
        // third is due after the change at any time scale.
        let release = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        let attempts = 0;
        ctx.requireReceiver().respond(ctx.receiverPath(), (d) => {
          if (d.isTest) return 200;
          attempts += 1;
          return attempts === 2 ? { status: 500, after: held } : 500;
        });
        const hook = await ctx.createWebhook();
        const sent = performance.now();
        await signalEvent(ctx, hook.event, PRIMARY_KEY);
        const first = await awaitDelivery(ctx, ctx.receiverPath());
        const latencyMs = first.receivedAt - sent;
        const second = await nextAttempt(ctx, first, RETRY_DELAYS_MS[0]);
        try {
          const res =
            how === 'stopped'
              ? await ctx.request('PATCH', `${REST}/${hook.id}`, {
                  body: [{ op: 'replace', path: '/State', value: 'Stopped' }],
                })
              : await ctx.request('DELETE', `${REST}/${hook.id}`);
          ctx.expectStatus(res, how === 'stopped' ? 200 : 204, how);
        } finally {
          release();
        }
        const path = ctx.receiverPath();
        const later = (d: Delivery) => nonTest(path)(d) && d.receivedAt > second.receivedAt;
        await ctx
          .requireReceiver()
          .waitFor(later, RETRY_DELAYS_MS[1] * ctx.timeScale * 3, ctx.signal);
        const { strays } = await quietWindow(ctx, latencyMs, later);
        ctx.check(
          strays.length === 0,
          `${strays.length} attempt(s) reached the webhook after it was ${how}`,
          deliveryEvidence(ctx, strays[0] ?? second),
        );
      },
    ),
  ),
];

export const cycleDeliveryCases: ConformanceCase[] = cycleCases.map(concurrently);
