// Reads at realistic store sizes: ours, json-server and bare Hono over the same varied webhooks
// at 100 and 1 000 hooks. Bare Hono answers the very bytes ours answered (captured before the
// rounds, every id's own body), so its ratio compares serving with serving, not with smaller
// answers. With --baseline, the baseline build is measured in the same rounds.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { interleave, type Contestant, type Request } from '../interleave.js';
import { warmUp, type Measurement } from '../load.js';
import { send } from '../probe.js';
import type { Target } from '../process.js';
import { readStore, variedWebhook, withWebhooks, writeJsonServerDb, writeStore } from '../seed.js';
import {
  AUTH,
  startBareHono,
  startJsonServer,
  startOurs,
  type Build,
  type ConstantRoute,
} from '../servers.js';

export const READ_SIZES = [100, 1_000] as const;
export const READS = [
  { key: 'byId', label: 'GET /Webhook/{id}, ids cycled' },
  { key: 'getAll', label: 'GetAllWebhooks (Agent)' },
  { key: 'list', label: 'GET /Webhook (list)' },
] as const;
export type ReadKey = (typeof READS)[number]['key'];
/** Shorter rounds than the other scenarios: two sizes × three routes × up to four servers. */
export const READ_ROUND_SEC = 1;

export interface ReadRun {
  target: string;
  ops: Partial<Record<ReadKey, Measurement>>;
  /** Response body bytes of one answer (by id: the mean over all ids). */
  bodyBytes: Partial<Record<ReadKey, number>>;
  /** Memory of the server process after its rounds. */
  memory?: { rssKb: number; hwmKb: number };
}

export interface ReadSize {
  webhooks: number;
  runs: ReadRun[];
}

const API = { ...AUTH, accept: 'application/json' };

/** Cycles ids 1..n so every request of a round asks for another record. */
const cycle = (prefix: string, n: number) => {
  let i = 0;
  return () => `${prefix}${(i++ % n) + 1}`;
};

function oursRequests(n: number): Record<ReadKey, Request> {
  return {
    byId: {
      method: 'GET',
      path: '/api/v1/Webhook/1',
      nextPath: cycle('/api/v1/Webhook/', n),
      headers: API,
    },
    getAll: {
      method: 'POST',
      path: '/api/v1/Agents/Webhook/GetAllWebhooks',
      headers: { ...API, 'content-type': 'application/json' },
      body: '{}',
    },
    list: { method: 'GET', path: '/api/v1/Webhook', headers: API },
  };
}

/** json-server has one list: both of our list routes are compared with it. */
function jsonServerRequests(n: number): Record<ReadKey, Request> {
  const list: Request = { method: 'GET', path: '/webhooks' };
  return {
    byId: { method: 'GET', path: '/webhooks/1', nextPath: cycle('/webhooks/', n) },
    getAll: list,
    list,
  };
}

/** Our answers byte for byte (every id's own), as bare Hono's routes; refuses a failed answer. */
async function capture(target: Target, requests: Record<ReadKey, Request>, n: number) {
  const body = async (request: Request, path = request.path) => {
    const answer = await send(target.url, { ...request, path });
    if (answer.status !== 200)
      throw new Error(`${target.name} ${request.method} ${path} answered ${answer.status}`);
    return answer.body;
  };
  const bodies: Record<string, string> = {};
  for (let id = 1; id <= n; id++)
    bodies[String(id)] = await body(requests.byId, `/api/v1/Webhook/${id}`);
  const { getAll, list } = requests;
  const routes: ConstantRoute[] = [
    { method: 'GET', path: '/api/v1/Webhook/:id', status: 200, body: '', bodies },
    { method: getAll.method, path: getAll.path, status: 200, body: await body(getAll) },
    { method: list.method, path: list.path, status: 200, body: await body(list) },
  ];
  return routes;
}

/** Body bytes of one answer per route; by id the mean over every id. */
function bodyBytesOf(routes: readonly ConstantRoute[]): ReadRun['bodyBytes'] {
  const [byId, getAll, list] = routes;
  const ids = Object.values(byId?.bodies ?? {});
  const len = (s: string) => Buffer.byteLength(s);
  return {
    byId: ids.reduce((t, b) => t + len(b), 0) / Math.max(1, ids.length),
    ...(getAll && { getAll: len(getAll.body) }),
    ...(list && { list: len(list.body) }),
  };
}

async function jsonServerBodyBytes(target: Target, n: number): Promise<ReadRun['bodyBytes']> {
  const list = Buffer.byteLength(
    (await send(target.url, { method: 'GET', path: '/webhooks' })).body,
  );
  let byId = 0;
  for (let id = 1; id <= n; id++)
    byId += Buffer.byteLength(
      (await send(target.url, { method: 'GET', path: `/webhooks/${id}` })).body,
    );
  return { byId: byId / n, getAll: list, list };
}

async function warm(contestant: Contestant<ReadKey>) {
  for (const request of Object.values<Request>(contestant.requests)) {
    await warmUp({
      url: contestant.target.url,
      pid: contestant.target.pid,
      ...request,
      warmupSec: 0.5,
    });
  }
}

async function atSize(
  dir: string,
  base: StoreState,
  n: number,
  log: (line: string) => void,
  baseline?: Build,
): Promise<ReadSize> {
  const oursDb = join(dir, `reads-ours-${n}.json`);
  await writeStore(oursDb, withWebhooks(base, n, variedWebhook));
  const started: Target[] = [];
  const start = async (target: Promise<Target>) => {
    const t = await target;
    started.push(t);
    return t;
  };
  try {
    // A copy before ours starts: the baseline must load the same file, not ours' rewrite of it.
    if (baseline) await copyFile(oursDb, join(dir, `reads-baseline-${n}.json`));
    const ours = await start(startOurs(oursDb));
    const requests = oursRequests(n);
    const routes = await capture(ours, requests, n);
    const jsonDb = join(dir, `reads-json-server-${n}.json`);
    await writeJsonServerDb(jsonDb, (await readStore(oursDb)).webhooks);
    const jsonServer = await start(startJsonServer(jsonDb));
    const hono = await start(startBareHono(dir, routes, `reads-${n}`));
    const contestants: Array<Contestant<ReadKey> & { bodyBytes: ReadRun['bodyBytes'] }> = [
      { target: ours, requests, bodyBytes: bodyBytesOf(routes) },
      {
        target: jsonServer,
        requests: jsonServerRequests(n),
        bodyBytes: await jsonServerBodyBytes(jsonServer, n),
      },
      { target: hono, requests: oursRequests(n), bodyBytes: bodyBytesOf(routes) },
    ];
    if (baseline) {
      // An older build that cannot answer these routes is left out, not allowed to end the bench.
      try {
        const old = await start(
          startOurs(join(dir, `reads-baseline-${n}.json`), [], undefined, baseline),
        );
        contestants.push({
          target: old,
          requests: oursRequests(n),
          bodyBytes: bodyBytesOf(await capture(old, requests, n)),
        });
      } catch (error) {
        log(`  baseline left out of the reads: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    for (const c of contestants) await warm(c);
    const measured = await interleave(
      READS.map((r) => r.key),
      contestants,
      READ_ROUND_SEC,
    );
    const runs: ReadRun[] = [];
    for (const [i, c] of contestants.entries()) {
      const memory = await c.target.memory();
      runs.push({
        target: c.target.name,
        ops: measured[i] ?? {},
        bodyBytes: c.bodyBytes,
        ...(memory && { memory }),
      });
    }
    return { webhooks: n, runs };
  } finally {
    for (const target of started) await target.stop();
  }
}

export async function runReads(
  dir: string,
  base: StoreState,
  log: (line: string) => void,
  baseline?: Build,
): Promise<ReadSize[]> {
  const sizes: ReadSize[] = [];
  for (const n of READ_SIZES) {
    log(`  ${n} webhooks`);
    sizes.push(await atSize(dir, base, n, log, baseline));
  }
  return sizes;
}
