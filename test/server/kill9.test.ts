// An answered write survives kill -9: the real server on 127.0.0.1 takes
// concurrent SaveWebhook / PUT / PATCH / DELETE calls, is SIGKILLed while many are in flight,
// and restarted on the same file. Each lane writes one webhook sequentially, so after the kill
// the webhook must hold the lane's last answered version, or the one in flight at the kill.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadStoreState } from '../../src/store/lowdb-store.js';
import {
  BASIC,
  DEFAULT_FIXTURE_WEBHOOKS,
  killSpawned,
  spawnServer,
  tempDir,
  type ServerProcess,
} from '../support/spawn-server.js';

const CYCLES = 3;
const LANES = 30;
/** Lanes that keep writing a webhook that survived the previous cycle. */
const CARRIED = 10;
const writesIn = (lane: number) => 3 + (lane % 10); // 3–12; 30 lanes send at most 225
const KILL_AFTER = 120;
/** The fixture's webhooks have the first ids; no lane touches them. */
const FIXTURE_IDS = DEFAULT_FIXTURE_WEBHOOKS;

const AGENT = '/api/v1/Agents/Webhook';

/** What a lane's writes change; null = deleted. */
type Version = { Name: string | null; TargetUrl: string | null } | null;

interface Lane {
  key: string;
  index: number;
  id: number | undefined;
  /** The webhook before the lane's first write; undefined for a lane that creates it. */
  initial: Version | undefined;
  versions: Version[];
  answered: number;
  inFlight: boolean;
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('kill9');
});
afterEach(async () => {
  await killSpawned();
  await tmp.remove();
});

const version = (key: string, j: number): Version => ({
  Name: `${key}-v${j}`,
  TargetUrl: `https://example.com/${key}/v${j}`,
});

function newLane(key: string, index: number, carried?: { id: number; now: Version }): Lane {
  const count = writesIn(index);
  const versions = Array.from({ length: count }, (_, j) => version(key, j));
  if (index % 3 === 0) versions[count - 1] = null; // every third lane ends with a delete
  return {
    key,
    index,
    id: carried?.id,
    initial: carried?.now,
    versions,
    answered: 0,
    inFlight: false,
  };
}

/** The j-th write of a lane, in one of the API's five ways of writing a webhook. */
function write(url: string, lane: Lane, j: number): Promise<Response> {
  const target = lane.versions[j];
  const base = { headers: { authorization: BASIC }, signal: AbortSignal.timeout(20_000) };
  const json = (method: string, path: string, body: unknown, type = 'application/json') =>
    fetch(`${url}${path}`, {
      ...base,
      method,
      headers: { ...base.headers, 'content-type': type },
      body: JSON.stringify(body),
    });
  if (!target) {
    return j % 2 === 0
      ? fetch(`${url}/api/v1/Webhook/${lane.id}`, { ...base, method: 'DELETE' })
      : fetch(`${url}${AGENT}/DeleteWebhook?WebhookId=${lane.id}`, { ...base, method: 'POST' });
  }
  const full = { ...target, Events: ['contact.created'], State: 'Stopped', Secret: lane.key };
  if (lane.id === undefined) return json('POST', `${AGENT}/SaveWebhook`, { ...full, WebhookId: 0 });
  switch ((j + lane.index) % 4) {
    case 0:
      return json('POST', `${AGENT}/SaveWebhook`, { ...full, WebhookId: lane.id });
    case 1:
      return json('PUT', `/api/v1/Webhook/${lane.id}`, full);
    case 2:
      return json('PATCH', `/api/v1/Webhook/${lane.id}`, target, 'application/merge-patch+json');
    default:
      return json(
        'PATCH',
        `/api/v1/Webhook/${lane.id}`,
        [
          { op: 'replace', path: '/Name', value: target.Name },
          { op: 'replace', path: 'targetUrl', value: target.TargetUrl },
        ],
        'application/json-patch+json',
      );
  }
}

interface Run {
  answers: number;
  killed: boolean;
  inFlightAtKill: number;
  failures: string[];
}

/** One write; undefined when no answer came (the server died with the write in flight). */
async function answer(url: string, lane: Lane, j: number): Promise<Response | undefined> {
  try {
    return await write(url, lane, j);
  } catch {
    return undefined;
  }
}

async function runLane(server: ServerProcess, lanes: Lane[], lane: Lane, run: Run) {
  for (let j = 0; j < lane.versions.length && !run.killed; j++) {
    lane.inFlight = true;
    const response = await answer(server.url, lane, j);
    const text = await response?.text().catch(() => undefined);
    if (response === undefined || text === undefined) {
      // Losing the answer is what in-flight writes do at the kill; before it, it is a bug.
      if (!run.killed) run.failures.push(`${lane.key} write ${j}: no answer`);
      return;
    }
    if (!response.ok) {
      run.failures.push(`${lane.key} write ${j}: ${response.status} ${text}`);
      return;
    }
    if (lane.id === undefined) lane.id = (JSON.parse(text) as { WebhookId: number }).WebhookId;
    lane.answered = j + 1;
    lane.inFlight = false;
    if (++run.answers === KILL_AFTER) {
      server.child.kill('SIGKILL');
      run.killed = true;
      run.inFlightAtKill = lanes.filter((l) => l.inFlight).length;
    }
  }
}

/** What the store may hold for the lane: its last answered version, or the one in flight. */
function allowed(lane: Lane): Version[] {
  const last = lane.answered === 0 ? lane.initial : lane.versions[lane.answered - 1];
  const options: Version[] = last === undefined ? [] : [last];
  const pending = lane.versions[lane.answered];
  if (lane.inFlight && pending !== undefined) options.push(pending);
  return options;
}

type Stored = { WebhookId: number; Name: string | null; TargetUrl: string | null };
const versionOf = (w: Stored): Version => ({ Name: w.Name, TargetUrl: w.TargetUrl });

/** Every lane's webhook is as allowed; webhooks no lane wrote are as they were; nothing else. */
function checkLanes(lanes: Lane[], webhooks: Stored[], untouched: Map<number, Version>) {
  const accounted = new Set<number>(untouched.keys());
  for (const [id, was] of untouched) {
    const found = webhooks.find((w) => w.WebhookId === id);
    expect(found && versionOf(found), `untouched webhook ${id}`).toEqual(was);
  }
  for (const lane of lanes) {
    if (lane.id === undefined) {
      // A create that was never answered may or may not have landed, once, as version 0.
      const landed = webhooks.filter((w) => w.Name?.startsWith(`${lane.key}-`));
      expect(landed.map((w) => w.Name)).toEqual(landed.length ? [`${lane.key}-v0`] : []);
      landed.forEach((w) => accounted.add(w.WebhookId));
      continue;
    }
    const found = webhooks.find((w) => w.WebhookId === lane.id);
    const actual: Version = found ? versionOf(found) : null;
    expect(allowed(lane), `${lane.key} (webhook ${lane.id})`).toContainEqual(actual);
    accounted.add(lane.id);
  }
  const strays = webhooks.filter((w) => w.WebhookId > FIXTURE_IDS && !accounted.has(w.WebhookId));
  expect(strays.map((w) => `${w.WebhookId} ${w.Name}`)).toEqual([]);
}

it(`keeps every answered write across SIGKILL: ${CYCLES} cycles, ${LANES} concurrent lanes of 3–12 writes (≤ 225 requests), killed after ${KILL_AFTER} answers`, async () => {
  const db = join(tmp.dir, 'store.json');
  const args = ['--port', '0', '--db', db, '--no-verify-targets'];
  let server = await spawnServer(args, { cwd: tmp.dir });
  let carried: { id: number; now: Version }[] = [];
  let untouched = new Map<number, Version>();
  const issued: number[] = [];

  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const lanes = Array.from({ length: LANES }, (_, i) =>
      newLane(`c${cycle}-l${i}`, i, i < CARRIED ? carried[i] : undefined),
    );
    const run: Run = { answers: 0, killed: false, inFlightAtKill: 0, failures: [] };
    await Promise.all(lanes.map((lane) => runLane(server, lanes, lane, run)));
    const died = await server.exited;
    expect(run.failures).toEqual([]);
    expect(run.killed).toBe(true);
    expect(run.inFlightAtKill).toBeGreaterThan(0);
    expect(died.signal).toBe('SIGKILL');

    const file = await loadStoreState(db);
    checkLanes(lanes, file.webhooks, untouched);
    const created = lanes.filter((l) => l.initial === undefined && l.id !== undefined);
    const ids = created.map((l) => l.id!);
    expect(ids.length).toBeGreaterThan(0);
    expect(Math.min(...ids)).toBeGreaterThan(Math.max(0, ...issued));
    issued.push(...ids);
    expect(new Set(issued).size).toBe(issued.length);

    server = await spawnServer(args, { cwd: tmp.dir });
    const listed = await fetch(`${server.url}/api/v1/Webhook`, {
      headers: { authorization: BASIC },
    });
    const served = (await listed.json()) as Stored[];
    const summary = (w: Stored) => `${w.WebhookId} ${w.Name} ${w.TargetUrl}`;
    expect(served.map(summary)).toEqual(file.webhooks.map(summary));
    const written = served.filter((w) => w.WebhookId > FIXTURE_IDS);
    carried = written.slice(-CARRIED).map((w) => ({ id: w.WebhookId, now: versionOf(w) }));
    untouched = new Map(written.slice(0, -CARRIED).map((w) => [w.WebhookId, versionOf(w)]));
  }
  expect(await server.stop('SIGTERM')).toMatchObject({ code: 0 });
}, 180_000);
