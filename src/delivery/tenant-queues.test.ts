// Each tenant's deliveries wait in its own queue: one tenant's flood fills only its own queue
// (its excess signals get the documented 503), while another tenant's signal is accepted and
// its delivery goes out before the flood's is answered. Counted, never timed: the receiver
// holds every answer until the test lets it go.
import { afterEach, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../mock.js';
import type { DeliveryAttemptResult, DeliveryRequest } from './deliver.js';

const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
const QUEUE = 4;

/** A receiver that records every attempt and answers only when released. */
class HeldReceiver {
  readonly attempts: DeliveryRequest[] = [];
  readonly #answers: Array<() => void> = [];
  readonly deliver = (request: DeliveryRequest): Promise<DeliveryAttemptResult> => {
    this.attempts.push(request);
    return new Promise((resolve) =>
      this.#answers.push(() => resolve({ ok: true, status: 200, latencyMs: 0 })),
    );
  };

  lanes(): Array<string | undefined> {
    return this.attempts.map((a) => a.lane);
  }

  releaseAll(): void {
    for (const answer of this.#answers.splice(0)) answer();
  }
}

let mock: Mock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function call(m: Mock, path: string, body: unknown): Promise<Response> {
  return m.app.request(`http://127.0.0.1${path}`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const agent = (tenant: string, method: string) => `/${tenant}/api/v1/Agents/Webhook/${method}`;

describe('per-tenant delivery queues', () => {
  it("a tenant's flood gets 503 from its own queue only; another tenant's delivery still goes out", async () => {
    const receiver = new HeldReceiver();
    mock = await createMock(
      {
        db: ':memory:',
        verifyTargets: false,
        deliver: receiver.deliver,
        limits: { queueSize: QUEUE, concurrency: 2 },
      },
      'http://127.0.0.1:9',
    );
    for (const tenant of ['Cust1', 'Cust2']) {
      const saved = await call(mock, agent(tenant, 'SaveWebhook'), {
        Name: `hook of ${tenant}`,
        Events: ['flood.ping'],
        State: 'Active',
        Type: 'webhook',
        TargetUrl: 'https://receiver.example/hook',
      });
      expect(saved.status).toBe(200);
    }
    const signal = (tenant: string, key: number) =>
      call(mock as Mock, agent(tenant, 'SignalEvent'), {
        EventName: 'flood.ping',
        PrimaryKey: key,
      });

    const flood: number[] = [];
    for (let key = 0; key < 10; key++) flood.push((await signal('Cust1', key)).status);
    // The flood's queue holds QUEUE deliveries (two of them in flight, unanswered).
    expect(flood).toEqual([...Array(QUEUE).fill(204), ...Array(10 - QUEUE).fill(503)]);
    expect(receiver.lanes()).toEqual(['Cust1', 'Cust1']);

    // The other tenant's queue is empty: accepted, and sent while the flood still waits.
    expect((await signal('Cust2', 1)).status).toBe(204);
    const cust2 = await mock.tenants.get('Cust2');
    await until(() => receiver.lanes().includes('Cust2'));
    expect(receiver.lanes()).toEqual(['Cust1', 'Cust1', 'Cust2']);

    // Its queue is its own: full for Cust1 while Cust2 takes QUEUE - 1 more.
    const more: number[] = [];
    for (let key = 2; key < 2 + QUEUE; key++) more.push((await signal('Cust2', key)).status);
    expect(more).toEqual([...Array(QUEUE - 1).fill(204), 503]);
    expect((await signal('Cust1', 99)).status).toBe(503);

    const cust1 = await mock.tenants.get('Cust1');
    let idle = false;
    void Promise.all([cust1.dispatcher.idle(), cust2.dispatcher.idle()]).then(() => (idle = true));
    await until(() => {
      receiver.releaseAll();
      return idle;
    });
    const sent = (tenant: string) => receiver.lanes().filter((lane) => lane === tenant).length;
    expect([sent('Cust1'), sent('Cust2')]).toEqual([QUEUE, QUEUE]);
  });
});

/** Waits, a bounded number of turns, for `done`; fails the test if it never holds. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(done()).toBe(true);
}
