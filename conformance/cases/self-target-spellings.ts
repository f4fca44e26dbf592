// A TargetUrl that reaches the server itself is refused whatever loopback spelling names it
// (spec C25): a server on loopback is reached by every loopback name and address at its port,
// and a refusal that knew only the spelling of its own URL would let a webhook call the server
// back by another one.
import { PreconditionError } from '../outcome.js';
import type { ConformanceCase } from '../types.js';
import { REST } from './surfaces.js';
import { expectNothingCreated, getWebhook, trackIfCreated } from './webhook-reads.js';

/** Host spellings that reach a server listening on a loopback address at the same port. */
const LOOPBACK_SPELLINGS = [
  'localhost',
  'LOCALHOST.',
  'soconf.localhost',
  '127.0.0.2',
  '2130706433',
  '[::1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:127.0.1.1]',
  '0.0.0.0',
  '[::]',
];

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

export const selfTargetCases: ConformanceCase[] = [
  {
    id: 'save.self-target-spellings-400',
    area: 'save',
    title: 'A TargetUrl naming the server by another loopback spelling is refused too',
    source: 'spec C25',
    given: 'a webhook this run created, whose _Links.Self names the server on a loopback address',
    when: `POST /api/v1/Webhook (State Stopped) with an https: TargetUrl on the server's port at each of ${LOOPBACK_SPELLINGS.join(', ')}`,
    then: '400 in the error shape each time, and no webhook listens for the event; another host at that port is saved (200)',
    tags: ['choice', 'errors'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook();
      const { res: read, body } = await getWebhook(ctx, hook.id);
      const self = (body._Links as Record<string, unknown> | undefined)?.Self;
      const url = typeof self === 'string' && URL.canParse(self) ? new URL(self) : undefined;
      if (!url) {
        throw new PreconditionError(
          '_Links.Self',
          'the entity names no URL of the server',
          read.evidence,
        );
      }
      if (!isLoopback(url.hostname)) {
        ctx.skip(`the server names itself ${url.host}, not a loopback address`);
      }
      // https:, so that only the self-reach rule can refuse it (plain http: is refused off
      // loopback for a reason of its own, reference §2c); the port is the server's.
      const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
      for (const host of LOOPBACK_SPELLINGS) {
        const target = `https://${host}:${port}/soconf-self`;
        const event = ctx.eventName(`self-${LOOPBACK_SPELLINGS.indexOf(host)}`);
        const res = await ctx.request('POST', REST, {
          body: { Name: ctx.name('self'), Events: [event], TargetUrl: target, State: 'Stopped' },
        });
        trackIfCreated(ctx, res);
        ctx.expectStatus(res, 400, `TargetUrl ${target}`);
        ctx.expectErrorShape(res);
        await expectNothingCreated(ctx, event);
      }
      // Only the server itself is refused: another host at the same port is an ordinary target.
      const other = `https://soconf-${ctx.runId}.invalid:${port}/soconf-other`;
      const res = await ctx.request('POST', REST, {
        body: {
          Name: ctx.name('other'),
          Events: [ctx.eventName('other')],
          TargetUrl: other,
          State: 'Stopped',
        },
      });
      trackIfCreated(ctx, res);
      ctx.expectStatus(res, 200, `TargetUrl ${other} (another host at the server's port)`);
    },
  },
];
