// Deliveries when the receiver fails (docs/sources.md §3d; spec C18): a failed attempt is retried
// with X-SuperOffice-Retry counting up and the same EventId, 1 s later (then 4 s); only 200
// ends the cycle; the counters and LastError record it; 410 Gone disables at once; 9 failed
// cycles in a row disable the webhook (under --slow: it takes 45 s at the documented delays).
// Each waits on a webhook, event and receiver path of its own, so they all run alongside the
// other cases (ConformanceCase.concurrent).
import type { Delivery } from '../receiver.js';
import type { CaseContext, ConformanceCase } from '../types.js';
import { PRIMARY_KEY, concurrently, deliveryCase } from './delivery-support.js';
import {
  awaitDelivery,
  awaitState,
  deliveryEvidence,
  nextAttempt,
  nonTest,
  pollFor,
  signalEvent,
} from './delivery-waits.js';
import { getWebhook } from './webhook-reads.js';
import { quietWindow } from './quiet-window.js';

/** The documented waits before the 2nd and the 3rd attempt (docs/sources.md §3d). */
const RETRY_DELAYS_MS = [1_000, 4_000];
const MAX_CONSECUTIVE_FAILURES = 9;

/** Answers the event deliveries at the case's path with `answers` in turn, then `after`. */
function answerInTurn(ctx: CaseContext, answers: number[], after = 200): void {
  let n = 0;
  const path = ctx.receiverPath();
  ctx.requireReceiver().respond(path, (d) => (d.isTest ? 200 : (answers[n++] ?? after)));
}

const retryHeader = (d: Delivery) => d.headers['x-superoffice-retry'];
const eventId = (d: Delivery) => d.headers['x-superoffice-eventid'];

/**
 * Creates a webhook whose receiver answers `answers` first (then `after`), signals, and awaits
 * attempt 1; `latencyMs` is how long that took from the signal.
 */
async function firstAttempt(ctx: CaseContext, answers: number[], after = 200) {
  answerInTurn(ctx, answers, after);
  const hook = await ctx.createWebhook();
  const sent = performance.now();
  await signalEvent(ctx, hook.event, PRIMARY_KEY);
  const first = await awaitDelivery(ctx, ctx.receiverPath());
  return { hook, first, latencyMs: first.receivedAt - sent };
}

/** The webhook's v11+ counters, or a skip when the target has none (docs/sources.md §2). */
async function counters(ctx: CaseContext, id: number) {
  const { res, body } = await getWebhook(ctx, id);
  if (typeof body.TotalCalls !== 'number') ctx.skip('the target has no v11+ delivery counters');
  return { res, body };
}

const retryCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.retry-after-failure',
    'A failed attempt is retried, counting X-SuperOffice-Retry, with the same EventId',
    'reference §3d',
    [
      'an Active webhook whose receiver answers 500 once, then 200',
      'SignalEvent for its event',
      'exactly 2 attempts: Retry 0 then 1, one EventId in header and body',
    ],
    async (ctx) => {
      const { first } = await firstAttempt(ctx, [500]);
      const second = await nextAttempt(ctx, first, RETRY_DELAYS_MS[0] as number);
      const evidence = deliveryEvidence(ctx, second);
      const retries = [retryHeader(first), retryHeader(second)];
      ctx.check(
        retries[0] === '0' && retries[1] === '1',
        `X-SuperOffice-Retry was ${JSON.stringify(retries)}, expected ["0","1"]`,
        evidence,
      );
      const ids = [eventId(first), eventId(second)];
      const bodyIds = [first.body, second.body].map((b) => (b as { EventId?: unknown })?.EventId);
      ctx.check(
        ids[0] !== undefined && ids[0] === ids[1] && bodyIds[0] === ids[0] && bodyIds[1] === ids[0],
        `EventId changed on the retry: headers ${JSON.stringify(ids)}, bodies ${JSON.stringify(bodyIds)}`,
        evidence,
      );
      const latency = second.receivedAt - first.receivedAt;
      const { strays, windowMs } = await quietWindow(
        ctx,
        latency,
        (d) => nonTest(ctx.receiverPath())(d) && d.receivedAt > second.receivedAt,
      );
      ctx.check(
        strays.length === 0,
        `${2 + strays.length} attempts: a third came within ${windowMs} ms after the 200`,
        deliveryEvidence(ctx, strays[0] ?? second),
      );
    },
  ),
  deliveryCase(
    'deliveries.retry-spacing',
    'The retry comes about 1 s after the failed attempt',
    'reference §3d',
    [
      'an Active webhook whose receiver answers 500 once, then 200',
      'SignalEvent for its event',
      'the 2nd attempt 0.5–3 × the documented 1 s later (times --time-scale), plus 1 s of slack',
    ],
    async (ctx) => {
      const { first } = await firstAttempt(ctx, [500]);
      const expected = (RETRY_DELAYS_MS[0] as number) * ctx.timeScale;
      const second = await nextAttempt(ctx, first, RETRY_DELAYS_MS[0] as number);
      const gap = second.receivedAt - first.receivedAt;
      const [low, high] = [expected * 0.5, expected * 3 + 1_000];
      ctx.note(`retry after ${Math.round(gap)} ms; bounds ${low}–${high} ms`);
      ctx.check(
        gap >= low && gap <= high,
        `the second attempt came ${Math.round(gap)} ms after the first; expected ${low}–${high} ms`,
        deliveryEvidence(ctx, second),
      );
    },
  ),
  deliveryCase(
    'deliveries.retry-counters',
    'A cycle that succeeds on the retry counts 2 calls, 1 error and resets ConsecutiveErrors',
    'reference §2',
    [
      'an Active webhook whose receiver answers 500 once, then 200',
      'SignalEvent for its event; the retry succeeds',
      'TotalCalls +2, TotalErrors +1, ConsecutiveErrors 0, LastError names the failure (its 500)',
    ],
    async (ctx) => {
      const { hook, first } = await firstAttempt(ctx, [500]);
      const { body: before } = await counters(ctx, hook.id);
      await nextAttempt(ctx, first, RETRY_DELAYS_MS[0] as number);
      const settled = await pollFor(
        async () => {
          const { res, body } = await counters(ctx, hook.id);
          const calls = Number(body.TotalCalls) - Number(before.TotalCalls);
          return calls >= 1 && body.ConsecutiveErrors === 0 ? { res, body } : undefined;
        },
        ctx.deliveryTimeoutMs,
        ctx.signal,
      );
      if (!settled) return ctx.fail('the counters never showed the successful retry');
      const { res, body } = settled;
      const delta = (k: string) => Number(body[k]) - Number(before[k]);
      const problems = [
        ...(delta('TotalErrors') === 1 ? [] : [`TotalErrors grew by ${delta('TotalErrors')}`]),
        // The failure's answer, not the 200 that ended the cycle (reference §2: "most recent error").
        ...(typeof body.LastError === 'string' && body.LastError.includes('500')
          ? []
          : [`LastError is ${JSON.stringify(body.LastError)}`]),
      ];
      ctx.check(problems.length === 0, `${problems.join('; ')}, expected 1 and the 500`, res);
    },
  ),
  deliveryCase(
    'deliveries.only-200-succeeds',
    'A 202 answer is not a delivery: the attempt is retried',
    'spec C18',
    [
      'an Active webhook whose receiver answers 202 once, then 200',
      'SignalEvent for its event',
      'a retry arrives with X-SuperOffice-Retry 1',
    ],
    async (ctx) => {
      const { first } = await firstAttempt(ctx, [202]);
      const second = await nextAttempt(ctx, first, RETRY_DELAYS_MS[0] as number);
      ctx.check(
        retryHeader(second) === '1',
        `X-SuperOffice-Retry is ${String(retryHeader(second))}`,
      );
    },
    ['choice'],
  ),
  deliveryCase(
    'deliveries.gone-disables',
    '410 Gone disables the webhook at once, without retries',
    'reference §3d',
    [
      'an Active webhook whose receiver answers 410',
      'SignalEvent for its event',
      'State becomes TooManyErrors and no retry follows',
    ],
    async (ctx) => {
      const { hook, first, latencyMs } = await firstAttempt(ctx, [], 410);
      await awaitState(ctx, hook.id, 'TooManyErrors', ' after the 410');
      const { strays } = await quietWindow(
        ctx,
        latencyMs,
        (d) => nonTest(ctx.receiverPath())(d) && d.receivedAt > first.receivedAt,
      );
      ctx.check(strays.length === 0, `${strays.length} attempt(s) after 410 Gone`);
    },
  ),
  {
    ...deliveryCase(
      'deliveries.too-many-errors',
      'Nine failed cycles in a row set State TooManyErrors',
      'reference §3d',
      [
        'an Active webhook whose receiver answers 500',
        `${MAX_CONSECUTIVE_FAILURES} SignalEvents for its event`,
        `ConsecutiveErrors ${MAX_CONSECUTIVE_FAILURES} and State TooManyErrors`,
      ],
      async (ctx) => {
        answerInTurn(ctx, [], 500);
        const hook = await ctx.createWebhook();
        for (let i = 1; i <= MAX_CONSECUTIVE_FAILURES; i += 1) {
          await signalEvent(ctx, hook.event, i);
        }
        const cycleMs = (RETRY_DELAYS_MS[0] as number) + (RETRY_DELAYS_MS[1] as number);
        const body = await pollFor(
          async () => {
            const { body: now } = await getWebhook(ctx, hook.id);
            return now.State === 'TooManyErrors' ? now : undefined;
          },
          ctx.deliveryTimeoutMs + cycleMs * ctx.timeScale * MAX_CONSECUTIVE_FAILURES,
          ctx.signal,
        );
        const { res, body: last } = await getWebhook(ctx, hook.id);
        ctx.check(
          body !== undefined,
          `State is ${JSON.stringify(last.State)} after 9 failed cycles`,
          res,
        );
      },
    ),
    slow: true,
  },
];

export const retryDeliveryCases: ConformanceCase[] = retryCases.map(concurrently);
