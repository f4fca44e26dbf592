// The wire's own pace for the fan-out: a bare keep-alive sender (node:http, 8 in flight, each
// body signed with HMAC-SHA256 as a delivery is) POSTing delivery-sized bodies to the same
// receiver the mock's fan-out uses, in the same run. What the mock adds on top (the signal,
// the journal, retries, statistics) is what the ratio to it measures.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { DeliveryRun } from './delivery.js';

const IN_FLIGHT = 8;
const SECRET = 'bench-secret-0123456789';

function post(agent: Agent, url: URL, body: string): Promise<void> {
  const signature = createHmac('sha256', SECRET).update(body).digest('base64');
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'x-superoffice-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` signed POSTs to `<receiver>/hook/<1..webhooks>`, IN_FLIGHT at a time. */
export async function bareSender(
  receiverUrl: string,
  webhooks: number,
  count: number,
  reached: (n: number) => Promise<void>,
  before: number,
): Promise<DeliveryRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  let next = 0;
  const began = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const hook = 1 + (i % webhooks);
      const body = JSON.stringify({
        EventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        Timestamp: new Date().toISOString(),
        Changes: [],
        Event: 'bench.delivery',
        PrimaryKey: 3_000_000 + i,
        Entity: 'bench',
        ContextIdentifier: 'Cust0',
        ChangedByAssociateId: 0,
        WebhookName: `Webhook #${hook}`,
      });
      await post(agent, new URL(`${receiverUrl}/hook/${hook}`), body);
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await reached(before + count);
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - began) / 1000;
  return {
    target: 'bare sender',
    webhooks,
    signals: 0,
    expected: count,
    received: count,
    seconds,
    deliveriesPerSec: count / seconds,
    signalsPerSec: 0,
    queueFullRetries: 0,
    cpuMsPerDelivery: null,
    firstAttemptMs: null,
  };
}
