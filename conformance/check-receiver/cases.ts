// One case per documented expectation of a receiver. A case sends what the real server sends
// and judges only its own expectation: "accepted" is any 2xx here, because whether the answer
// is exactly 200 and whether it came in time are judged once, over every POST, by the summary
// cases (summary-cases.ts); a receiver with one mistake then fails one case.
import { eventDelivery, RAW_VARIANTS, testDelivery, type RawVariant } from './bodies.js';
import { expectAccepted, outcome, type ReceiverCase } from './case.js';
import type { Casing } from './headers.js';
import { accepted } from './send.js';
import { rawCase, signatureCase } from './signature-cases.js';

const NOT_DELIVERED =
  'the real server counts it as a failed delivery, retries it twice and then drops the event';

const testEvent: ReceiverCase = {
  id: 'receiver.test-event',
  title: 'the test event a save sends (X-Hook-Test: true) is accepted',
  source: 'reference §2c, reference §3a',
  async run(ctx) {
    const exchange = await ctx.deliver(testDelivery(), { secret: ctx.secret, label: 'test event' });
    return expectAccepted(
      exchange,
      'the test event',
      'the real server refuses to save a webhook whose target does not answer it with 200',
    );
  },
};

/** `contact.created` → `delivery.contact.created`: ids keep to the report's id pattern. */
const caseSuffix = (event: string): string => event.toLowerCase().replace(/[^a-z0-9.-]/g, '-');

function eventCase(event: string): ReceiverCase {
  return {
    id: `receiver.delivery.${caseSuffix(event)}`,
    title: `a ${event} delivery in its documented shape is accepted`,
    source: 'reference §3a, reference §3b',
    async run(ctx) {
      const exchange = await ctx.deliver(eventDelivery(event), {
        secret: ctx.secret,
        label: event,
      });
      return expectAccepted(exchange, event, NOT_DELIVERED);
    },
  };
}

const properties: ReceiverCase = {
  id: 'receiver.delivery.properties',
  title: "the webhook's Properties merged into the body as top-level keys are accepted",
  source: 'reference §3b, reference §3e, spec C14',
  async run(ctx) {
    const [event = 'contact.created'] = ctx.events;
    const extra = { ScriptName: 'ScriptHook1', source: 'superoffice', tenantRef: 7 };
    const exchange = await ctx.deliver(eventDelivery(event, extra), {
      secret: ctx.secret,
      label: `${event} with Properties`,
    });
    return expectAccepted(exchange, 'a body with Properties', NOT_DELIVERED);
  },
};

const futureFields: ReceiverCase = {
  id: 'receiver.delivery.future-fields',
  title: 'fields a newer server adds (unknown keys, FieldValues on any event) are accepted',
  source: 'reference §3b',
  async run(ctx) {
    const [event = 'contact.created'] = ctx.events;
    const extra = {
      FieldValues: { name: 'Acme' },
      Values: { contact_id: 42 },
      Origin: { Kind: 'api', Version: 2 },
    };
    const exchange = await ctx.deliver(eventDelivery(event, extra), {
      secret: ctx.secret,
      label: `${event} with new fields`,
    });
    return expectAccepted(exchange, 'a body with fields this receiver has not seen', NOT_DELIVERED);
  },
};

const CASING_TITLES: Record<Exclude<Casing, 'documented'>, string> = {
  lower: 'header names in lower case (as HTTP/2 and many proxies deliver them)',
  sample: 'header names spelled as another documentation sample does (X-Superoffice-Eventid)',
};

function casingCase(casing: Exclude<Casing, 'documented'>): ReceiverCase {
  return {
    id: `receiver.headers.${casing === 'lower' ? 'lower-case' : 'sample-casing'}`,
    title: `a delivery with ${CASING_TITLES[casing]} is accepted`,
    source: 'reference §3a, RFC 9110 §5.1',
    async run(ctx) {
      const [event = 'contact.created'] = ctx.events;
      const exchange = await ctx.deliver(eventDelivery(event), {
        secret: ctx.secret,
        casing,
        label: `${event}, ${casing} header names`,
      });
      return expectAccepted(
        exchange,
        `a delivery with ${CASING_TITLES[casing]}`,
        'header names are case-insensitive and the documentation spells them two ways',
      );
    },
  };
}

const extraHeaders: ReceiverCase = {
  id: 'receiver.headers.extra',
  title: "a delivery with the webhook's own Headers and unknown extra headers is accepted",
  source: 'reference §3a',
  async run(ctx) {
    const [event = 'contact.created'] = ctx.events;
    const extra = [
      ['Authorization', 'Bearer webhook-header-from-definition'],
      ['X-Custom-Tenant', 'Cust12345'],
      ['Traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ] as const;
    const exchange = await ctx.deliver(eventDelivery(event), {
      secret: ctx.secret,
      extra,
      label: `${event} with extra headers`,
    });
    return expectAccepted(exchange, 'a delivery with extra headers', NOT_DELIVERED);
  },
};

const retry: ReceiverCase = {
  id: 'receiver.retry',
  title: 'a retry (same EventId and body, X-SuperOffice-Retry: 1) is accepted again',
  source: 'reference §3b, reference §3d',
  async run(ctx) {
    const [event = 'contact.created'] = ctx.events;
    const delivery = eventDelivery(event);
    const first = await ctx.deliver(delivery, { secret: ctx.secret, label: `${event}, attempt 1` });
    if (!accepted(first)) {
      return {
        status: 'error',
        reason: `the first attempt was not accepted (${outcome(first)}), so no retry could be judged`,
        evidence: first.evidence,
      };
    }
    const again = await ctx.deliver(delivery, {
      secret: ctx.secret,
      retry: 1,
      label: `${event}, retry 1`,
    });
    return expectAccepted(
      again,
      'the retry of a delivery already accepted (its answer may have been lost)',
      'the real server retries when an answer is lost or late; refusing the repeat turns it into a failure and, nine times over, disables the webhook',
    );
  },
};

export function deliveryCases(events: readonly string[]): ReceiverCase[] {
  return [
    testEvent,
    ...events.map(eventCase),
    properties,
    futureFields,
    ...(Object.keys(RAW_VARIANTS) as RawVariant[]).map(rawCase),
    ...(['tampered', 'wrong', 'missing', 'old-secret'] as const).map(signatureCase),
    ...(['lower', 'sample'] as const).map(casingCase),
    extraHeaders,
    retry,
  ];
}
