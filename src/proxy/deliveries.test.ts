// Deliveries through the proxy: a webhook saved through the proxy points at the proxy's
// receiver; the mock's deliveries arrive there, are judged against the delivery contract with
// the Secret seen in the save, and reach the user's receiver (--forward) byte for byte with
// their signature intact. A delivery made wrong — by the wrong targets around the mock's
// `deliver` — is flagged by the rule it breaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DELIVERY_FAULTS,
  type DeliverFault,
} from '../../conformance/test-support/wrong-delivery.js';
import { RETRY_DELIVERY_FAULTS } from '../../conformance/test-support/wrong-delivery-retries.js';
import { deliver as httpDeliver } from '../delivery/deliver.js';
import { verifySignature } from '../delivery/signature.js';
import { listenLocal, type LocalListener } from '../platform/local-listener.js';
import { startServer, type RunningServer } from '../server.js';
import { forwardUrl } from './delivery-relay.js';
import { startProxy, type RunningProxy } from './start.js';

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
const SECRET = 'proxy-test-secret-0123456789';

interface Received {
  headers: Record<string, string>;
  raw: Buffer;
}

/**
 * The upstream's and the proxy's time scale: retries 500 ms, then 2 s after a failure, so a
 * retry at once stays well under the 250 ms the proxy allows however loaded the machine is.
 */
const TIME_SCALE = 0.5;
let fault: DeliverFault | undefined;
/** What the receiver answers the first attempt of an event (then 200). */
let firstAnswer: number | undefined;
let server: RunningServer;
let proxy: RunningProxy;
let receiver: LocalListener;
const received: Received[] = [];

beforeAll(async () => {
  receiver = await listenLocal((req, res, raw) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    received.push({ headers, raw });
    const first = headers['x-superoffice-retry'] === '0' && headers['x-hook-test'] === undefined;
    res.writeHead(first ? (firstAnswer ?? 200) : 200).end();
  });
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    timeScale: TIME_SCALE,
    deliver: (req) => (fault ? fault(req, httpDeliver, server.store) : httpDeliver(req)),
  });
  proxy = await startProxy({
    upstream: `${server.url}/api`,
    forward: `${receiver.url}/hook`,
    timeScale: TIME_SCALE,
  });
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
  await receiver?.close();
});

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${proxy.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: AUTH,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

type Saved = Record<string, unknown> & { WebhookId: number };

/**
 * Saves a webhook for `event` (or `events`) through the proxy, pointed at the proxy's receiver
 * named `name`.
 */
async function saveHook(event: string, name = event, events = [event]): Promise<Saved> {
  const res = await api('POST', '/Webhook', {
    Name: `proxy ${name}`,
    Events: events,
    TargetUrl: proxy.receiverUrl(name),
    Secret: SECRET,
    Headers: { 'X-Receiver-Token': 'token-for-the-receiver' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Saved;
}

/**
 * Waits (bounded) until the proxy has seen `count` deliveries of `event` (a retry that never
 * came counts: it is reported as a delivery entry, a few seconds after the failed attempt).
 */
async function deliveriesOf(event: string, count = 1) {
  for (let i = 0; i < 600; i++) {
    const seen = proxy.entries().filter((e) => e.kind === 'delivery' && e.event === event);
    if (seen.length >= count) return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${event}: fewer than ${count} deliveries reached the proxy`);
}

async function signal(event: string): Promise<void> {
  expect((await api('POST', `/Webhook/${event}/7`, {})).status).toBe(204);
}

describe('deliveries through the proxy', () => {
  it('reach the receiver byte for byte with their signature intact, and conform', async () => {
    const event = 'proxytest.intact';
    await saveHook(event);
    await signal(event);
    const [entry] = await deliveriesOf(event);
    expect(entry?.signature).toBe('verified');
    expect(entry?.violations).toEqual([]);
    const arrived = received.filter((r) => r.headers['x-superoffice-event'] === event);
    expect(arrived).toHaveLength(1);
    const [delivery] = arrived as [Received];
    expect(verifySignature(SECRET, delivery.raw, delivery.headers['x-superoffice-signature'])).toBe(
      true,
    );
    expect(delivery.headers['x-receiver-token']).toBe('token-for-the-receiver');
    expect(delivery.headers['user-agent']).toMatch(/^NetServer-Webhook\//);
    // The save's own test delivery went through too, verified with the Secret of the save.
    const test = received.find(
      (r) => r.headers['x-hook-test'] === 'true' && r.raw.includes(`proxy ${event}`),
    );
    expect(test && verifySignature(SECRET, test.raw, test.headers['x-superoffice-signature'])).toBe(
      true,
    );
  });

  /**
   * `attempts`: deliveries of the event to wait for, all of them, so none is left in flight;
   * `answer`: the receiver's answer to the first attempt; `arrange`: the other webhooks the
   * fault needs, made through the proxy after the fault is in place and before the signal.
   */
  type Expected =
    | {
        rule: string;
        message: RegExp;
        attempts?: number;
        answer?: number;
        arrange?: (event: string) => Promise<void>;
      }
    | { unseen: string };
  /** A second webhook for `event`, saved Active, then stopped with a PUT. */
  const stoppedBeside = async (event: string) => {
    const saved = await saveHook(event, `${event}-stopped`);
    const put = await api('PUT', `/Webhook/${saved.WebhookId}`, {
      ...saved,
      Secret: SECRET,
      State: 'Stopped',
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as Saved).State).toBe('Stopped');
  };
  const EXPECTED: Record<string, Expected> = {
    'signs with the wrong key': {
      rule: 'delivery.signature',
      message: /does not match the Secret/,
    },
    'sends no signature although the webhook has a Secret': {
      rule: 'delivery.signature',
      message: /no X-SuperOffice-Signature/,
    },
    'signs in hex instead of Base64': {
      rule: 'delivery.headers',
      message: /x-superoffice-signature must match pattern/,
    },
    "drops the webhook's custom Headers": {
      rule: 'delivery.custom-headers',
      message: /X-Receiver-Token is absent/,
    },
    'sends X-SuperOffice-Retry 0 on every attempt': {
      rule: 'delivery.retry',
      message: /Retry 0 after an attempt with 0/,
      attempts: 3,
    },
    'gives a retry a new EventId': {
      rule: 'delivery.retry',
      message: /Retry 1 on the first attempt seen/,
      attempts: 2,
    },
    'delivers to Stopped webhooks': {
      rule: 'delivery.not-active',
      message:
        /targets this path and was Stopped as last seen .* before proxytest\.fault\d+ was signalled/,
      attempts: 2,
      arrange: stoppedBeside,
    },
    'never retries a failed attempt': {
      rule: 'delivery.retry-missing',
      message: /no retry of event .* within 6500 ms after attempt 1 was answered 500/,
      attempts: 2,
      answer: 500,
    },
    'retries at once instead of after the documented delay': {
      rule: 'delivery.retry-early',
      message: /retry 1 of event .* came \d+ ms after .* allows no less than 250 ms/,
      attempts: 2,
      answer: 500,
    },
    'counts a 202 answer as delivered': {
      rule: 'delivery.retry-missing',
      message: /no retry of event .* after attempt 1 was answered 202/,
      attempts: 2,
      answer: 202,
    },
    'treats 410 Gone like any other failure': {
      rule: 'delivery.gone',
      message: /attempt 2 of event .* after the receiver answered 410 Gone/,
      attempts: 2,
      answer: 410,
    },
    'delivers to Stopped webhooks a moment after the Active ones': {
      rule: 'delivery.not-active',
      message:
        /targets this path and was Stopped as last seen .* before proxytest\.fault\d+ was signalled/,
      attempts: 2,
      arrange: stoppedBeside,
    },
    'delivers to deleted webhooks a moment after the live ones': {
      rule: 'delivery.deleted',
      message: /its delete was acknowledged with 204 .* before proxytest\.fault\d+ was signalled/,
      attempts: 2,
      arrange: async (event) => {
        const saved = await saveHook(event, `${event}-deleted`);
        expect((await api('DELETE', `/Webhook/${saved.WebhookId}`)).status).toBe(204);
      },
    },
    'delivers an event to webhooks listening for others a moment later': {
      rule: 'delivery.unsubscribed',
      message: /listened for \[".*"\], not proxytest\.fault\d+, as last seen/,
      attempts: 2,
      arrange: async (event) => {
        await saveHook(event, `${event}-other`, [`${event}.other`]);
      },
    },
  };
  const FAULTS = [...DELIVERY_FAULTS, ...RETRY_DELIVERY_FAULTS];

  it('has an expectation for every wrong delivery', () => {
    expect(FAULTS.map((f) => f.fault).filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  const seen = FAULTS.filter((f) => 'rule' in (EXPECTED[f.fault] as Expected));
  it.each(seen.map((f, i) => [f.fault, f, i] as const))(
    'flags a delivery that %s',
    async (name, wrong, i) => {
      const expected = EXPECTED[name] as Extract<Expected, { rule: string }>;
      const event = `proxytest.fault${i}`;
      await saveHook(event);
      fault = wrong.deliver;
      firstAnswer =
        expected.answer ?? (expected.attempts !== undefined && !expected.arrange ? 500 : undefined);
      try {
        await expected.arrange?.(event);
        await signal(event);
        const entries = await deliveriesOf(event, expected.attempts ?? 1);
        const flagged = entries.flatMap((e) => e.violations).find((v) => v.rule === expected.rule);
        expect(flagged?.message, JSON.stringify(entries.map((e) => e.violations))).toMatch(
          expected.message,
        );
        if (expected.arrange) {
          // The delivery to the webhook that may receive the event is not the one flagged.
          const own = new URL(proxy.receiverUrl(event)).pathname;
          const legitimate = entries.filter((e) => e.url === own);
          expect(legitimate).toHaveLength(1);
          expect(legitimate.flatMap((e) => e.violations)).toEqual([]);
        }
        // Flagged, and still passed on to the receiver as it came.
        expect(received.some((r) => r.headers['x-superoffice-event'] === event)).toBe(true);
      } finally {
        fault = undefined;
        firstAnswer = undefined;
      }
    },
    30_000,
  );
});

describe('the path a delivery is passed on to', () => {
  it('keeps what follows the receiver name, below --forward', () => {
    const base = new URL('http://127.0.0.1:9/hooks/');
    expect(forwardUrl(base, '/__inbox/mine').href).toBe('http://127.0.0.1:9/hooks/');
    expect(forwardUrl(base, '/__inbox/mine/run1/case').href).toBe(
      'http://127.0.0.1:9/hooks/run1/case',
    );
    expect(forwardUrl(new URL('http://127.0.0.1:9'), '/__inbox/x/a').href).toBe(
      'http://127.0.0.1:9/a',
    );
  });
});
