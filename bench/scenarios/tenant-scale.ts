// Many tenants holding many webhooks: one mock serving 100 tenants of 1 000 webhooks each,
// beside one serving a single tenant of 1 000, both up at once. GET by id over kept-alive
// connections, rounds alternating between the two so machine noise falls on both alike; a
// request of the 100-tenant mock picks its tenant and id at random (seeded).
import { Agent } from 'node:http';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { tenantStoreFile } from '../../src/tenants/tenant-id.js';
import { send } from '../probe.js';
import type { Target } from '../process.js';
import { variedWebhook, withWebhooks, writeStore } from '../seed.js';
import { AUTH, startOurs } from '../servers.js';
import { quantile } from './delivery.js';

const WEBHOOKS = 1000;
export const MANY_TENANTS = 100;
const CONNECTIONS = 20;
const ROUNDS = 3;
const REQUESTS_PER_ROUND = 1500;

export interface TenantScaleRun {
  tenants: number;
  webhooksEach: number;
  requests: number;
  byIdMs: { p50: number; p99: number };
  rssKb: number | null;
}

const tenantOf = (i: number) => `Cust${20_001 + i}`;

async function mockWith(dir: string, base: StoreState, tenants: number): Promise<Target> {
  const db = join(dir, `tenant-scale-${tenants}.json`);
  await writeStore(db, withWebhooks(base, 1));
  for (let i = 0; i < tenants; i++) {
    const tenant = tenantOf(i);
    const state = { ...withWebhooks(base, WEBHOOKS, variedWebhook), contextIdentifier: tenant };
    await writeStore(tenantStoreFile(db, tenant), state);
  }
  const mock = await startOurs(db);
  // Every tenant is opened (its store loaded) before anything is measured.
  for (let i = 0; i < tenants; i++) {
    const answer = await send(mock.url, {
      method: 'GET',
      path: `/${tenantOf(i)}/api/v1/Webhook/1`,
      headers: AUTH,
    });
    if (answer.status !== 200) throw new Error(`${tenantOf(i)} answered ${answer.status}`);
  }
  return mock;
}

/** A small deterministic generator (mulberry32), so every run asks for the same ids. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function round(mock: Target, tenants: number, agent: Agent, latencies: number[]) {
  const random = seeded(tenants);
  let left = REQUESTS_PER_ROUND;
  const worker = async () => {
    while (left-- > 0) {
      const tenant = tenantOf(Math.floor(random() * tenants));
      const id = 1 + Math.floor(random() * WEBHOOKS);
      const started = performance.now();
      const answer = await send(
        mock.url,
        { method: 'GET', path: `/${tenant}/api/v1/Webhook/${id}`, headers: AUTH },
        10_000,
        agent,
      );
      latencies.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`GET ${tenant} #${id} answered ${answer.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

export async function runTenantScale(
  dir: string,
  base: StoreState,
  log: (s: string) => void,
): Promise<TenantScaleRun[]> {
  const sizes = [1, MANY_TENANTS];
  const mocks: Target[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    for (const tenants of sizes) {
      log(`  ${tenants} tenant(s) × ${WEBHOOKS} webhooks`);
      mocks.push(await mockWith(dir, base, tenants));
    }
    const latencies = sizes.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, tenants] of sizes.entries()) {
        await round(mocks[i] as Target, tenants, agent, latencies[i] as number[]);
      }
    }
    const ms = (v: number) => Math.round(v * 100) / 100;
    return Promise.all(
      sizes.map(async (tenants, i) => {
        const measured = latencies[i] as number[];
        const memory = await mocks[i]?.memory();
        return {
          tenants,
          webhooksEach: WEBHOOKS,
          requests: measured.length,
          byIdMs: { p50: ms(quantile(measured, 0.5)), p99: ms(quantile(measured, 0.99)) },
          rssKb: memory?.rssKb ?? null,
        };
      }),
    );
  } finally {
    agent.destroy();
    await Promise.all(mocks.map((m) => m.stop()));
  }
}
