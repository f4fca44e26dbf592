import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../src/http/contract.js';
import { runConformance, type RunOptions } from './run.js';
import { startToyApiServer, type ToyApiServer } from './test-support/toy-api-server.js';
import type { CaseContext, ConformanceCase } from './types.js';

const EXISTING = { WebhookId: 1, Name: 'Production hook', Events: ['contact.created'] };

let contract: Contract;
let target: ToyApiServer;
beforeAll(async () => {
  contract = await loadContract();
});
beforeEach(async () => {
  target = await startToyApiServer([EXISTING]);
});
afterEach(async () => {
  await target.close();
});

const make = (id: string, run: (ctx: CaseContext) => Promise<void>, mutates = true) =>
  ({
    id,
    area: 'save',
    title: id,
    source: 'test',
    given: '',
    when: '',
    then: '',
    tags: [],
    mutates,
    run,
  }) satisfies ConformanceCase;

const run = (cases: ConformanceCase[], extra: Partial<RunOptions> = {}) =>
  runConformance({
    target: target.url,
    credentials: {},
    cases,
    contract,
    handleSignals: false,
    ...extra,
  });

/** After a run, only the pre-existing webhook is left, untouched and never addressed. */
function expectOnlyExistingLeft(): void {
  expect([...target.webhooks.values()]).toEqual([EXISTING]);
  expect(target.log.filter((line) => /\/Webhook\/1$/.test(line))).toEqual([]);
}

describe('runner', () => {
  it('turns outcomes into verdicts with id, source, duration and evidence', async () => {
    const result = await run([
      make('save.passes', async (ctx) => void (await ctx.createWebhook())),
      make('save.fails', async (ctx) => {
        const res = await ctx.request('GET', '/api/v1/Webhook/default');
        ctx.expectStatus(res, 204);
      }),
      make('save.throws', async () => {
        throw new TypeError('boom');
      }),
      make('save.skips', async (ctx) => ctx.skip('not here')),
    ]);
    expect(result.verdicts.map((v) => [v.id, v.status])).toEqual([
      ['save.passes', 'passed'],
      ['save.fails', 'failed'],
      ['save.throws', 'error'],
      ['save.skips', 'skipped'],
    ]);
    const failed = result.verdicts[1];
    expect(failed).toMatchObject({ source: 'test', reason: 'expected status 204, got 200' });
    expect(failed?.evidence?.request.url).toBe(`${target.url}/api/v1/Webhook/default`);
    expect(failed?.evidence?.response?.status).toBe(200);
    expect(result.verdicts[2]?.reason).toBe('TypeError: boom');
    expect(typeof failed?.durationMs).toBe('number');
  });

  it('deletes every webhook a case created, even when the case fails, and nothing else', async () => {
    const result = await run([
      make('save.creates-and-fails', async (ctx) => {
        await ctx.createWebhook();
        await ctx.createWebhook({ Name: 'second' });
        ctx.fail('on purpose');
      }),
      make('save.saves-directly', async (ctx) => {
        await ctx.request('POST', '/api/v1/Webhook', { body: { Name: ctx.name('direct') } });
      }),
    ]);
    expect(result.cleanup).toEqual({ deleted: [100, 101, 102], failed: [] });
    expectOnlyExistingLeft();
  });

  it('deletes by run prefix what was saved but whose answer was lost', async () => {
    const result = await run([
      make('save.lost-answer', async (ctx) => {
        await ctx.request('POST', '/api/v1/Webhook', {
          body: { Name: ctx.name('lost') },
          headers: { 'x-fake-lose-answer': '1' },
        });
      }),
    ]);
    expect(result.cleanup.deleted).toEqual([100]);
    expectOnlyExistingLeft();
  });

  it('stops on interrupt: the current case ends, the rest are skipped, cleanup still runs', async () => {
    const controller = new AbortController();
    const result = await run(
      [
        make('save.interrupted', async (ctx) => {
          await ctx.createWebhook();
          controller.abort();
          await ctx.request('GET', '/api/v1/Webhook/default');
        }),
        make('save.never-reached', async () => undefined),
      ],
      { signal: controller.signal },
    );
    expect(result.interrupted).toBe(true);
    expect(result.verdicts.map((v) => [v.status, v.reason])).toEqual([
      ['error', 'interrupted'],
      ['skipped', 'interrupted'],
    ]);
    expect(result.cleanup.deleted).toEqual([100]);
    expectOnlyExistingLeft();
  });

  // Emitting SIGINT is only safe while nobody else (e.g. the test runner) listens for it.
  it.skipIf(process.listenerCount('SIGINT') > 0)(
    'interrupts on SIGINT and removes its handler afterwards',
    async () => {
      const before = process.listenerCount('SIGINT');
      const result = await run(
        [
          make('save.gets-sigint', async (ctx) => {
            await ctx.createWebhook();
            process.emit('SIGINT');
          }),
          make('save.after-sigint', async () => undefined),
        ],
        { handleSignals: true },
      );
      expect(result.interrupted).toBe(true);
      expect(result.verdicts[1]?.status).toBe('skipped');
      expect(result.cleanup.deleted).toEqual([100]);
      expect(process.listenerCount('SIGINT')).toBe(before);
    },
  );

  it('starts the concurrent cases with the run and reports every verdict in case order', async () => {
    const events: string[] = [];
    let running = 0;
    let mostSequentialAtOnce = 0;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const sequential = (id: string) =>
      make(id, async () => {
        running += 1;
        mostSequentialAtOnce = Math.max(mostSequentialAtOnce, running);
        events.push(`start ${id}`);
        await pause(20);
        running -= 1;
      });
    const waiting = (id: string, ms: number) => ({
      ...make(id, async () => {
        events.push(`start ${id}`);
        await pause(ms);
      }),
      concurrent: true,
    });
    const reported: string[] = [];
    const result = await run(
      [
        sequential('save.first'),
        waiting('save.waits-long', 150),
        sequential('save.second'),
        waiting('save.waits-short', 10),
        sequential('save.third'),
      ],
      { onVerdict: (v) => reported.push(v.id) },
    );
    const order = [
      'save.first',
      'save.waits-long',
      'save.second',
      'save.waits-short',
      'save.third',
    ];
    expect(result.verdicts.map((v) => v.id)).toEqual(order);
    expect(reported).toEqual(order);
    expect(result.verdicts.every((v) => v.status === 'passed')).toBe(true);
    // Both waiting cases began before the first sequential one; those never overlapped.
    expect(events.slice(0, 2).sort()).toEqual(['start save.waits-long', 'start save.waits-short']);
    expect(mostSequentialAtOnce).toBe(1);
  });

  it('runs every case in turn when the retry delays are scaled down to almost nothing', async () => {
    const started: string[] = [];
    const note = (id: string) => make(id, async () => void started.push(id));
    const result = await run(
      [note('save.first'), { ...note('save.waits'), concurrent: true }, note('save.last')],
      { timeScale: 0.01 },
    );
    expect(started).toEqual(['save.first', 'save.waits', 'save.last']);
    expect(result.verdicts.map((v) => v.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('gives a case the evidence of its own last exchange, not one a concurrent case sent', async () => {
    let otherSent!: () => void;
    const sent = new Promise<void>((resolve) => (otherSent = resolve));
    const result = await run([
      {
        ...make('save.fails-after-waiting', async (ctx) => {
          await ctx.request('GET', '/api/v1/Webhook/default');
          await sent;
          ctx.fail('its own check failed');
        }),
        concurrent: true,
      },
      make('save.sends-meanwhile', async (ctx) => {
        await ctx.request('GET', '/api/v1/Webhook/1');
        otherSent();
      }),
    ]);
    const failed = result.verdicts[0];
    expect(failed?.status).toBe('failed');
    expect(failed?.evidence?.request.url).toMatch(/\/api\/v1\/Webhook\/default$/);
  });

  it('reports a case the interrupt caught under way as interrupted, whatever it concluded', async () => {
    const controller = new AbortController();
    // Cut short, a wait for a delivery ends empty: a "nothing arrived" check would pass, a
    // "something arrived" check fail; neither judged the target.
    const cutShort = (ctx: CaseContext) =>
      new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
    const result = await run(
      [
        { ...make('save.would-pass', cutShort), concurrent: true },
        {
          ...make('save.would-fail', async (ctx) => {
            await cutShort(ctx);
            ctx.fail('no delivery arrived');
          }),
          concurrent: true,
        },
        make('save.interrupts', async () => controller.abort()),
      ],
      { signal: controller.signal },
    );
    expect(result.verdicts.map((v) => [v.id, v.status, v.reason])).toEqual([
      ['save.would-pass', 'error', 'interrupted'],
      ['save.would-fail', 'error', 'interrupted'],
      ['save.interrupts', 'error', 'interrupted'],
    ]);
  });

  it('starts no receiver and sends no cleanup requests for a read-only run', async () => {
    const result = await run([
      make(
        'operations.read',
        async (ctx) => void (await ctx.request('GET', '/api/v1/Webhook/default')),
        false,
      ),
      make('operations.needs-receiver', async (ctx) => void ctx.requireReceiver(), false),
    ]);
    expect(result.verdicts.map((v) => v.status)).toEqual(['passed', 'skipped']);
    expect(target.log).toEqual(['GET /api/v1/Webhook/default']);
  });
});
