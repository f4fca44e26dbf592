// The wire's own pace for the fan-out: a bare keep-alive sender (node:http, 8 in flight, each
// body signed with HMAC-SHA256 as a delivery is) POSTing delivery-sized bodies to the same
// receiver the mock's fan-out uses, in the same run. What the mock adds on top (the signal,
// the journal, retries, statistics) is what the ratio to it measures. It is warmed up and
// measured over rounds exactly as the mock's fan-out is.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { DELIVERIES, quantile, ROUNDS, warmUp, type DeliveryRun } from './delivery.js';

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

/** `count` signed POSTs to `<receiver>/hook/<1..webhooks>`, IN_FLIGHT at a time; seconds taken. */
async function sendRound(
  receiverUrl: string,
  webhooks: number,
  count: number,
  reached: (n: number) => Promise<void>,
  before: number,
): Promise<number> {
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
  return (performance.now() - began) / 1000;
}

/** Warm-up rounds, then ROUNDS rounds of DELIVERIES posts; the median round is reported. */
export async function bareSender(
  receiverUrl: string,
  webhooks: number,
  reached: (n: number) => Promise<void>,
  count: () => number,
): Promise<DeliveryRun> {
  const rate = async () =>
    DELIVERIES / (await sendRound(receiverUrl, webhooks, DELIVERIES, reached, count()));
  // Warmed up as the mock is, on its rate: it has no process of its own to read the CPU of.
  const warmupRounds = await warmUp(rate);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(await rate());
  const perSec = quantile(rates, 0.5);
  return {
    target: 'bare sender',
    webhooks,
    signals: 0,
    expected: DELIVERIES,
    received: DELIVERIES,
    seconds: DELIVERIES / perSec,
    deliveriesPerSec: perSec,
    signalsPerSec: 0,
    queueFullRetries: 0,
    cpuMsPerDelivery: null,
    rounds: rates.map((deliveriesPerSec) => ({ deliveriesPerSec, cpuMsPerDelivery: null })),
    warmupRounds,
    firstAttemptMs: null,
  };
}
