// Throughput and latency of the same four requests against ours, Prism's mock, json-server and
// bare Hono, one target at a time so each has the machine to itself.
import { join } from 'node:path';
import { LOAD_DEFAULTS, measureRound, medianOf, warmUp, type Measurement } from '../load.js';
import { send, type Probe } from '../probe.js';
import type { Target } from '../process.js';
import { readStore, writeJsonServerDb } from '../seed.js';
import {
  AUTH,
  startBareHono,
  startJsonServer,
  startOurs,
  startPrism,
  type ConstantRoute,
} from '../servers.js';

export const OPS = [
  { key: 'getWebhook', label: 'GetWebhook (REST)' },
  { key: 'agentGetWebhook', label: 'GetWebhook (Agent)' },
  { key: 'getAllWebhooks', label: 'GetAllWebhooks' },
  { key: 'patchWebhook', label: 'PATCH (JSON Patch)' },
  { key: 'mergePatchWebhook', label: 'PATCH (merge patch)' },
] as const;
export type OpKey = (typeof OPS)[number]['key'];

export type OpResult = Measurement | { skipped: string };
export interface TargetRun {
  target: string;
  ops: Partial<Record<OpKey, OpResult>>;
  /** Memory of the server process after its rounds. */
  memory?: { rssKb: number; hwmKb: number };
}

const DESCRIPTION = 'Patched by the bench';
const API = { ...AUTH, accept: 'application/json' };

/** The contract's requests, answered by ours, Prism and (constant) bare Hono alike. */
const CONTRACT: Record<OpKey, Probe> = {
  getWebhook: { method: 'GET', path: '/api/v1/Webhook/1', headers: API },
  agentGetWebhook: {
    method: 'POST',
    path: '/api/v1/Agents/Webhook/GetWebhook?webhookId=1',
    headers: API,
  },
  getAllWebhooks: { method: 'GET', path: '/api/v1/Webhook', headers: API },
  patchWebhook: {
    method: 'PATCH',
    path: '/api/v1/Webhook/1',
    headers: { ...API, 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'replace', path: '/Description', value: DESCRIPTION }]),
  },
  mergePatchWebhook: {
    method: 'PATCH',
    path: '/api/v1/Webhook/1',
    headers: { ...API, 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ Description: DESCRIPTION }),
  },
};

/** json-server's PATCH merges a JSON object: the peer of both of our PATCH forms. */
const JSON_SERVER_PATCH: Probe = {
  method: 'PATCH',
  path: '/webhooks/1',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ Description: DESCRIPTION }),
};

/** json-server's REST collection has no Agent surface. */
const JSON_SERVER: Partial<Record<OpKey, Probe>> = {
  getWebhook: { method: 'GET', path: '/webhooks/1' },
  getAllWebhooks: { method: 'GET', path: '/webhooks' },
  patchWebhook: JSON_SERVER_PATCH,
  mergePatchWebhook: JSON_SERVER_PATCH,
};

interface Contender {
  target: Target;
  ready: Map<OpKey, Probe>;
  run: TargetRun;
}

/** Which operations the target answers 2xx (the rest are skipped), each warmed up once. */
async function prepare(target: Target, requests: Partial<Record<OpKey, Probe>>) {
  const contender: Contender = { target, ready: new Map(), run: { target: target.name, ops: {} } };
  for (const { key } of OPS) {
    const probe = requests[key];
    const status = probe ? (await send(target.url, probe)).status : 0;
    if (!probe) contender.run.ops[key] = { skipped: 'no such operation' };
    else if (status < 200 || status > 299)
      contender.run.ops[key] = { skipped: `answered ${status}` };
    else contender.ready.set(key, probe);
  }
  for (const probe of contender.ready.values()) {
    await warmUp({ url: target.url, pid: target.pid, ...probe, warmupSec: 0.75 });
  }
  return contender;
}

/**
 * Round r of every server before round r + 1 of any: load from other processes on the machine
 * then falls on all servers alike, so the ratios hold even when absolute numbers drift.
 */
async function interleave(contenders: readonly Contender[]): Promise<void> {
  for (const { key } of OPS) {
    const rounds = new Map<Contender, Measurement[]>();
    for (let r = 0; r < LOAD_DEFAULTS.rounds; r++) {
      for (const contender of contenders) {
        const probe = contender.ready.get(key);
        if (!probe) continue;
        const spec = { url: contender.target.url, pid: contender.target.pid, ...probe };
        if (r === 0) await warmUp({ ...spec, warmupSec: 0.25 });
        rounds.set(contender, [...(rounds.get(contender) ?? []), await measureRound(spec)]);
      }
    }
    for (const [contender, results] of rounds) contender.run.ops[key] = medianOf(results);
  }
}

/** Our answers, byte for byte, as bare Hono's constant routes. */
async function captureAnswers(url: string): Promise<ConstantRoute[]> {
  const routes: ConstantRoute[] = [];
  for (const probe of Object.values(CONTRACT)) {
    const answer = await send(url, probe);
    const path = probe.path.split('?')[0] ?? probe.path;
    // Both PATCH forms share a route; the first answer is the one bare Hono gives.
    if (routes.some((r) => r.method === probe.method && r.path === path)) continue;
    routes.push({
      method: probe.method,
      path,
      status: answer.status,
      body: answer.body,
    });
  }
  return routes;
}

export async function runThroughput(dir: string, log: (line: string) => void) {
  const oursDb = join(dir, 'throughput-ours.json');
  const contenders: Contender[] = [];
  try {
    const ours = await startOurs(oursDb);
    const routes = await captureAnswers(ours.url);
    contenders.push(await prepare(ours, CONTRACT));
    // json-server gets the webhooks exactly as ours stores them: both answer the same bytes.
    const jsonDb = join(dir, 'throughput-json-server.json');
    await writeJsonServerDb(jsonDb, (await readStore(oursDb)).webhooks);
    contenders.push(await prepare(await startPrism(), CONTRACT));
    contenders.push(await prepare(await startJsonServer(jsonDb), JSON_SERVER));
    contenders.push(await prepare(await startBareHono(dir, routes), CONTRACT));
    log(`  ${contenders.map((c) => c.target.name).join(', ')} started and warmed up`);
    await interleave(contenders);
    for (const { target, run } of contenders) {
      const memory = await target.memory();
      if (memory) run.memory = memory;
    }
    return contenders.map((c) => c.run);
  } finally {
    for (const { target } of contenders) await target.stop();
  }
}
