// What a state event carries (docs/sources.md §3b, the state-events sample): subscribed as
// `webhook{id}.stopped|started|errors` and sent with that X-SuperOffice-Event, the body says
// `webhook.stopped` (…), has no Entity, and its FieldValues are the webhook's own columns —
// `state` numbered as the State enum (spec/README.md, "Numbering on the state-events page").
// A webhook disabled by its deliveries fires `webhook{id}.errors` (§3d).
import type { Delivery } from '../receiver.js';
import type { CaseContext, ConformanceCase, CreatedWebhook } from '../types.js';
import { PRIMARY_KEY, deliveryCase } from './delivery-support.js';
import {
  awaitDelivery,
  awaitState,
  deliveryEvidence,
  nonTest,
  signalEvent,
} from './delivery-waits.js';
import { quietWindow } from './quiet-window.js';
import { REST } from './surfaces.js';
import { getWebhook } from './webhook-reads.js';

const STATE_NUMBER = { Active: 1, Stopped: 2, TooManyErrors: 3 } as const;
const FIELDS = [
  'events',
  'registered',
  'registered_associate_id',
  'state',
  'updated',
  'updated_associate_id',
];

type Verb = 'stopped' | 'errors';

/** A webhook on the case's `watcher` path subscribed to `webhook{id}.<verb>` of `watched`. */
async function watcherOf(ctx: CaseContext, watched: CreatedWebhook, verb: Verb) {
  await ctx.createWebhook({
    Name: ctx.name('watcher'),
    Events: [`webhook${watched.id}.${verb}`],
    TargetUrl: ctx.targetUrl('watcher'),
  });
  return ctx.receiverPath('watcher');
}

const associateId = (value: unknown): number | undefined => {
  const id = (value as { AssociateId?: unknown } | null)?.AssociateId;
  return typeof id === 'number' ? id : undefined;
};

/** Every way `d` is not the documented state event `verb` of `hook` (as read after the change). */
function stateEventProblems(
  d: Delivery,
  hook: Record<string, unknown>,
  verb: Verb,
  state: keyof typeof STATE_NUMBER,
): string[] {
  const id = Number(hook.WebhookId);
  const body = (d.body ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const header = d.headers['x-superoffice-event'];
  if (header !== `webhook${id}.${verb}`) problems.push(`X-SuperOffice-Event is ${header}`);
  if (body.Event !== `webhook.${verb}`) problems.push(`Event is ${JSON.stringify(body.Event)}`);
  if ('Entity' in body) problems.push(`the body has Entity ${JSON.stringify(body.Entity)}`);
  // "Id of the affected row" (§3b): the webhook whose State changed.
  if (body.PrimaryKey !== id) problems.push(`PrimaryKey is ${JSON.stringify(body.PrimaryKey)}`);
  const values = body.FieldValues as Record<string, unknown> | undefined;
  const missing = FIELDS.filter(
    (f) => values === null || typeof values !== 'object' || !(f in values),
  );
  if (missing.length > 0) return [...problems, `FieldValues lacks ${missing.join(', ')}`];
  const v = values as Record<string, unknown>;
  const events = Array.isArray(hook.Events) ? hook.Events.join(',') : undefined;
  if (v.events !== events) problems.push(`FieldValues.events is ${JSON.stringify(v.events)}`);
  if (v.state !== STATE_NUMBER[state]) problems.push(`FieldValues.state is ${String(v.state)}`);
  for (const [field, of] of [
    ['registered_associate_id', 'RegisteredAssociate'],
    ['updated_associate_id', 'UpdatedAssociate'],
  ] as const) {
    const expected = associateId(hook[of]);
    if (expected !== undefined && v[field] !== expected) {
      problems.push(`FieldValues.${field} is ${String(v[field])}, ${of} is ${expected}`);
    }
  }
  return problems;
}

export const stateEventCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.state-event-payload',
    'A state event says webhook.stopped, has no Entity and carries the webhook’s columns',
    'reference §3b',
    [
      'a webhook B, and a webhook A subscribed to webhook{B}.stopped',
      'PATCH B State Stopped',
      'A receives X-SuperOffice-Event webhook{B}.stopped, body Event webhook.stopped, no Entity, PrimaryKey B, FieldValues events/registered/…/state 2 of B',
    ],
    async (ctx) => {
      const watched = await ctx.createWebhook({ Events: [ctx.eventName(), ctx.eventName('2nd')] });
      const path = await watcherOf(ctx, watched, 'stopped');
      const res = await ctx.request('PATCH', `${REST}/${watched.id}`, {
        body: [{ op: 'replace', path: '/State', value: 'Stopped' }],
      });
      ctx.expectStatus(res, 200, 'PATCH State Stopped');
      const { body: stopped } = await getWebhook(ctx, watched.id);
      const delivery = await awaitDelivery(ctx, path);
      const problems = stateEventProblems(delivery, stopped, 'stopped', 'Stopped');
      ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, delivery));
    },
  ),
  deliveryCase(
    'deliveries.errors-event-on-disable',
    'A webhook its deliveries disable fires webhook{id}.errors, once, and names the 410 in LastError',
    'reference §3d',
    [
      'a webhook B whose receiver answers its first event 200 and the next 410, and a webhook A subscribed to webhook{B}.errors',
      'SignalEvent for B’s event twice, the second once the first was delivered',
      'B becomes TooManyErrors with a LastError naming 410; A receives one webhook{B}.errors (none for the delivered event): body Event webhook.errors, FieldValues.state 3',
    ],
    async (ctx) => {
      let events = 0;
      ctx
        .requireReceiver()
        .respond(ctx.receiverPath(), (d) => (d.isTest || events++ === 0 ? 200 : 410));
      const watched = await ctx.createWebhook();
      const path = await watcherOf(ctx, watched, 'errors');
      const sent = performance.now();
      await signalEvent(ctx, watched.event, PRIMARY_KEY);
      const delivered = await awaitDelivery(ctx, ctx.receiverPath());
      await signalEvent(ctx, watched.event, PRIMARY_KEY);
      const disabled = await awaitState(ctx, watched.id, 'TooManyErrors', ' after a 410');
      const lastError = disabled.LastError;
      ctx.check(
        lastError === undefined || (typeof lastError === 'string' && lastError.includes('410')),
        `LastError is ${JSON.stringify(lastError)}, expected the 410 answer`,
      );
      const delivery = await awaitDelivery(ctx, path);
      const problems = stateEventProblems(delivery, disabled, 'errors', 'TooManyErrors');
      ctx.check(problems.length === 0, problems.join('; '), deliveryEvidence(ctx, delivery));
      const { strays } = await quietWindow(
        ctx,
        delivered.receivedAt - sent,
        (d) => nonTest(path)(d) && d !== delivery,
      );
      ctx.check(
        strays.length === 0,
        `A received ${1 + strays.length} webhook{B}.errors deliveries; expected one, for the 410`,
        deliveryEvidence(ctx, strays[0] ?? delivery),
      );
    },
  ),
];
