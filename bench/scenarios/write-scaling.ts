// Write cost against store size: PATCH and create with 10, 1 000 and 10 000 webhooks in the
// store, the server's memory at each size, and json-server's PATCH over the same webhooks.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { measure, type LoadSpec, type Measurement } from '../load.js';
import { withWebhooks, writeJsonServerDb, writeStore } from '../seed.js';
import { AUTH, startJsonServer, startOurs } from '../servers.js';

export const SIZES = [10, 1_000, 10_000] as const;

export interface SizeRun {
  webhooks: number;
  patch: Measurement;
  create: Measurement;
  jsonServerPatch: Measurement;
  /** Server memory (KiB) right after start and after the writes. */
  memory: { startRssKb: number; rssKb: number; hwmKb: number } | undefined;
  storeFileBytes: number;
}

const DESCRIPTION = 'Rewritten by the bench';
/** PATCH rounds are counted too, sized to ~1.5 s by the warm-up's latency: at 10 000 webhooks
 * one write can outlast a timed round. */
const MAX_PATCHES_PER_ROUND = 2000;
/** Fewer connections than the read rounds: at 10 000 webhooks ten queued writes take seconds. */
export const WRITE_CONNECTIONS = 4;
export const CREATES_PER_ROUND = 32;
/** PATCH cycles over ids 1..10: connections on one id would queue on its per-webhook lock. */
const cycle = (prefix: string) => {
  let n = 0;
  return () => `${prefix}${(n++ % 10) + 1}`;
};

const patchOurs = (url: string, pid: number): LoadSpec => ({
  url,
  pid,
  method: 'PATCH',
  path: '/api/v1/Webhook/1',
  nextPath: cycle('/api/v1/Webhook/'),
  connections: WRITE_CONNECTIONS,
  maxAmount: MAX_PATCHES_PER_ROUND,
  headers: { ...AUTH, 'content-type': 'application/json-patch+json' },
  body: JSON.stringify([{ op: 'replace', path: '/Description', value: DESCRIPTION }]),
});

/** Creates grow the store, so each round is a count of requests rather than a duration. */
const createOurs = (url: string, pid: number): LoadSpec => ({
  url,
  pid,
  method: 'POST',
  path: '/api/v1/Webhook',
  headers: { ...AUTH, 'content-type': 'application/json' },
  body: JSON.stringify({
    Name: 'Created by the bench',
    Events: ['contact.created'],
    TargetUrl: 'https://hooks.example.com/bench',
    Secret: 'bench-secret-0123456789',
    State: 'Active',
    Type: 'webhook',
  }),
  connections: WRITE_CONNECTIONS,
  maxAmount: CREATES_PER_ROUND,
  warmupAmount: CREATES_PER_ROUND / 2,
});

async function jsonServerPatch(dir: string, store: StoreState): Promise<Measurement> {
  const file = join(dir, `write-json-server-${store.webhooks.length}.json`);
  await writeJsonServerDb(file, store.webhooks);
  const target = await startJsonServer(file);
  try {
    return await measure({
      url: target.url,
      pid: target.pid,
      method: 'PATCH',
      path: '/webhooks/1',
      nextPath: cycle('/webhooks/'),
      connections: WRITE_CONNECTIONS,
      maxAmount: MAX_PATCHES_PER_ROUND,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Description: DESCRIPTION }),
    });
  } finally {
    await target.stop();
  }
}

async function oursAtSize(dir: string, store: StoreState) {
  const db = join(dir, `write-ours-${store.webhooks.length}.json`);
  await writeStore(db, store);
  const { size: storeFileBytes } = await stat(db);
  const target = await startOurs(db);
  try {
    const startRssKb = (await target.memory())?.rssKb ?? 0;
    const patch = await measure(patchOurs(target.url, target.pid));
    const create = await measure(createOurs(target.url, target.pid));
    const after = await target.memory();
    return { patch, create, memory: after && { startRssKb, ...after }, storeFileBytes };
  } finally {
    await target.stop();
  }
}

export async function runWriteScaling(dir: string, base: StoreState, log: (s: string) => void) {
  const runs: SizeRun[] = [];
  for (const webhooks of SIZES) {
    log(`  ${webhooks} webhooks`);
    const store = withWebhooks(base, webhooks);
    const ours = await oursAtSize(dir, store);
    runs.push({ webhooks, ...ours, jsonServerPatch: await jsonServerPatch(dir, store) });
  }
  return runs;
}
