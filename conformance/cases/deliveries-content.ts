// What a delivery carries: the signature over its raw bytes when a Secret is set (and none
// otherwise), the webhook's Headers and Properties, and SignalEvent's Data
// (docs/sources.md §2, §3a, §3c; spec C13, C14).
import { containsEntry } from '../payload-check.js';
import type { ConformanceCase } from '../types.js';
import { PRIMARY_KEY, SIGNALLED, deliver, deliveryCase } from './delivery-support.js';
import { awaitDelivery, deliveryEvidence } from './delivery-waits.js';
import { REST } from './surfaces.js';

export const deliveryContentCases: ConformanceCase[] = [
  deliveryCase(
    'deliveries.signature',
    'Deliveries are signed with the Secret',
    'reference §3c',
    [
      'an Active webhook with a Secret',
      SIGNALLED,
      'X-SuperOffice-Signature = base64(HMAC-SHA256(secret, raw body)), on the save-time test event too',
    ],
    async (ctx) => {
      const secret = `soconf-secret-${ctx.runId}-æøå`;
      ctx.requireReceiver().expectSecret(ctx.receiverPath(), secret);
      const { delivery } = await deliver(ctx, { Secret: secret });
      const ping = ctx
        .requireReceiver()
        .deliveries(ctx.receiverPath())
        .find((d) => d.isTest);
      for (const [what, d] of [
        ['', delivery],
        ['the save-time test event: ', ping],
      ] as const) {
        if (!d) return ctx.fail(`${what}it did not reach ${ctx.receiverPath()}`);
        const verdict = d.signature;
        const reason =
          verdict && !verdict.ok ? `signature ${verdict.reason}; expected ${verdict.expected}` : '';
        ctx.check(
          verdict?.ok,
          what + (reason || 'the signature was not checked'),
          deliveryEvidence(ctx, d),
        );
      }
    },
  ),
  deliveryCase(
    'deliveries.unsigned-without-secret',
    'No signature header without a Secret',
    'reference §3a',
    [
      'an Active webhook without a Secret',
      SIGNALLED,
      'the delivery has no X-SuperOffice-Signature header',
    ],
    async (ctx) => {
      const { delivery } = await deliver(ctx, { Secret: null });
      const header = delivery.headers['x-superoffice-signature'];
      ctx.check(
        header === undefined,
        `X-SuperOffice-Signature is ${header}`,
        deliveryEvidence(ctx, delivery),
      );
    },
  ),
  deliveryCase(
    'deliveries.custom-headers',
    "The webhook's Headers are sent",
    'reference §2',
    [
      'an Active webhook with Headers { X-Soconf-Run }',
      SIGNALLED,
      'the delivery carries X-Soconf-Run',
    ],
    async (ctx) => {
      const { delivery } = await deliver(ctx, { Headers: { 'X-Soconf-Run': ctx.runId } });
      const header = delivery.headers['x-soconf-run'];
      ctx.check(
        header === ctx.runId,
        `X-Soconf-Run is ${String(header)}`,
        deliveryEvidence(ctx, delivery),
      );
    },
  ),
  deliveryCase(
    'deliveries.properties-in-body',
    "The webhook's Properties are in the body",
    'reference §2',
    [
      'an Active webhook with Properties { soconfRun }',
      SIGNALLED,
      'the payload carries soconfRun (top level per C14; anywhere accepted)',
    ],
    async (ctx) => {
      const { delivery } = await deliver(ctx, { Properties: { soconfRun: ctx.runId } });
      const found = containsEntry(delivery.body, 'soconfRun', ctx.runId);
      ctx.check(
        found,
        'the payload does not carry the Properties',
        deliveryEvidence(ctx, delivery),
      );
    },
  ),
  deliveryCase(
    'deliveries.data-in-field-values',
    "SignalEvent's Data arrives as FieldValues",
    'spec C13',
    [
      'an Active webhook on the receiver',
      'SignalEvent with Data { soconfField }',
      'the payload FieldValues carry soconfField',
    ],
    async (ctx) => {
      const { delivery } = await deliver(ctx, {}, { soconfField: 'x' });
      const values = (delivery.body as { FieldValues?: Record<string, unknown> }).FieldValues;
      ctx.check(
        values?.soconfField === 'x',
        'FieldValues lacks soconfField',
        deliveryEvidence(ctx, delivery),
      );
    },
    ['choice'],
  ),
  deliveryCase(
    'deliveries.rest-signal-data',
    "The REST signal's body arrives as FieldValues too",
    'spec C13',
    [
      'an Active webhook on the receiver',
      'POST /api/v1/Webhook/{event}/{primaryKey} with the body { soconfField }',
      'the payload FieldValues carry soconfField',
    ],
    async (ctx) => {
      const hook = await ctx.createWebhook();
      const res = await ctx.request('POST', `${REST}/${hook.event}/${PRIMARY_KEY}`, {
        body: { soconfField: 'y' },
      });
      ctx.expectStatus(res, [200, 204]);
      const delivery = await awaitDelivery(ctx, ctx.receiverPath());
      const values = (delivery.body as { FieldValues?: Record<string, unknown> }).FieldValues;
      ctx.check(
        values?.soconfField === 'y',
        'FieldValues lacks soconfField',
        deliveryEvidence(ctx, delivery),
      );
    },
    ['choice'],
  ),
  deliveryCase(
    'deliveries.changed-by-associate',
    'ChangedByAssociateId names the associate who signalled',
    'reference §3b',
    [
      'an Active webhook this run created (RegisteredAssociate: the run’s user)',
      'SignalEvent for its event, as the same user',
      "the payload's ChangedByAssociateId is that user's AssociateId",
    ],
    async (ctx) => {
      const { hook, delivery } = await deliver(ctx);
      const user = (hook.body.RegisteredAssociate as { AssociateId?: unknown } | null)?.AssociateId;
      if (typeof user !== 'number') ctx.skip('the target does not name the registering associate');
      const by = (delivery.body as { ChangedByAssociateId?: unknown }).ChangedByAssociateId;
      ctx.check(
        by === user,
        `ChangedByAssociateId is ${JSON.stringify(by)}, the signalling user's AssociateId is ${user}`,
        deliveryEvidence(ctx, delivery),
      );
    },
  ),
];
