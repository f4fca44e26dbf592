// kill -9 during sustained mixed writes, repeated (an answered write survives
// kill -9). Bounds: 5 cycles; 6 lanes of sequential requests; SIGKILL after a random 60–180
// answered requests per cycle (at most 400 sent per cycle); 6 server starts; 180 s timeout.
// Each lane owns its webhooks, so a webhook has at most one write in flight; a write that was
// in flight at the kill may or may not have landed, one that was answered must have.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadStoreState } from '../../src/store/lowdb-store.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreState } from '../../src/store/state.js';
import {
  call,
  chooseSeed,
  seededRandom,
  spawnServer,
  startReceiver,
  writeQuietFixture,
} from './support.js';
import type { Child, Receiver } from './support.js';
import { Ledger, type Op } from './soak-ledger.js';

const CYCLES = 5;
const LANES = 6;
const MAX_SENT_PER_CYCLE = 400;
const AGENT = '/api/v1/Agents/Webhook';

let dir: string;
let receiver: Receiver;
const children = new Set<Child>();

async function spawned(args: readonly string[]): Promise<Child> {
  const child = await spawnServer(args);
  children.add(child);
  void child.exited.then(() => children.delete(child));
  return child;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kill9-soak-'));
  receiver = await startReceiver((_request, response) => response.end('OK'));
});

afterAll(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await Promise.all([...children].map((child) => child.exited));
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function hookBody(name: string, description: string, events: string[], id = 0) {
  return {
    WebhookId: id,
    Name: name,
    Description: description,
    Events: events,
    TargetUrl: receiver.url,
    Type: 'webhook',
    State: 'Active',
  };
}

/** Sends one operation; rejects only when no answer came (the server died). */
async function send(base: string, op: Op) {
  switch (op.kind) {
    case 'create':
      return call(base, `${AGENT}/SaveWebhook`, {
        method: 'POST',
        body: hookBody(op.name, op.description, ['soak.quiet']),
      });
    case 'save':
      return call(base, `${AGENT}/SaveWebhook`, {
        method: 'POST',
        body: hookBody(op.name, op.description, ['soak.quiet'], op.id),
      });
    case 'patch':
      return call(base, `/api/v1/Webhook/${op.id}`, {
        method: 'PATCH',
        type: 'application/json-patch+json',
        body: [{ op: 'replace', path: '/Description', value: op.description }],
      });
    case 'delete':
      return call(base, `/api/v1/Webhook/${op.id}`, { method: 'DELETE' });
    case 'signal':
      return call(base, `${AGENT}/SignalEvent`, {
        method: 'POST',
        body: { EventName: 'soak.ping', PrimaryKey: op.key },
      });
  }
}

interface CycleRun {
  base: string;
  ledger: Ledger;
  random: () => number;
  killAt: number;
  kill: () => void;
}

/** One lane: sequential requests on its own webhooks until the server dies or the cap. */
async function lane(run: CycleRun, lane: number, ids: number[], budget: { sent: number }) {
  for (let n = 0; budget.sent < MAX_SENT_PER_CYCLE; n++) {
    const op = run.ledger.pick(run.random, ids, `${lane}-${n}`);
    budget.sent++;
    let answer;
    try {
      answer = await send(run.base, op);
    } catch {
      run.ledger.inflight.push(op);
      return;
    }
    run.ledger.answered(op, answer, ids);
    if (run.ledger.answeredCount === run.killAt) run.kill();
  }
}

function readStore(file: string): Promise<StoreState> {
  // Must parse: the snapshot is written atomically and only a torn last journal line is
  // tolerated (its write was never answered); anything else throws here.
  return loadStoreState(file);
}

describe('kill -9 soak (5 cycles × up to 400 mixed requests, SIGKILL at a random point, ≤ 180 s)', () => {
  it('kill -9 during sustained mixed writes, repeated: the store always parses and holds every answered write', async () => {
    const seed = chooseSeed();
    const random = seededRandom(seed);
    const file = join(dir, 'store.json');
    const args = ['--db', file, '--no-verify-targets', '--fixture', writeQuietFixture(dir)];
    const ledger = new Ledger();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const child = await spawned(args);
      const listed = await call(child.url, '/api/v1/Webhook');
      const ids = (listed.body as Array<{ WebhookId: number }>).map((w) => w.WebhookId);
      expect(
        ids.sort((a, b) => a - b),
        `seed ${seed}, restart ${cycle}`,
      ).toEqual(ledger.liveIds());
      if (cycle === 0) {
        const body = hookBody('listener', 'gets every soak.ping', ['soak.ping']);
        const created = await call(child.url, `${AGENT}/SaveWebhook`, { method: 'POST', body });
        ledger.adoptListener(created);
      }
      const run: CycleRun = {
        base: child.url,
        ledger,
        random,
        killAt: ledger.answeredCount + 60 + Math.floor(random() * 121),
        kill: () => child.process.kill('SIGKILL'),
      };
      const budget = { sent: 0 };
      const owned = ledger.deal(LANES);
      await Promise.all(owned.map((ids, i) => lane(run, i, ids, budget)));
      run.kill();
      expect(await child.exited, `seed ${seed}: killed, not exited`).toBe('SIGKILL');
      const problems = ledger.verify(await readStore(file));
      expect(problems, `seed ${seed}, cycle ${cycle}`).toEqual([]);
    }
    const last = await spawned(args);
    const listed = await call(last.url, '/api/v1/Webhook');
    const finalIds = (listed.body as Array<{ WebhookId: number }>).map((w) => w.WebhookId);
    expect(
      finalIds.sort((a, b) => a - b),
      `seed ${seed}`,
    ).toEqual(ledger.liveIds());
    expect(ledger.answeredCount).toBeGreaterThanOrEqual(CYCLES * 60);
    last.process.kill('SIGTERM');
    expect(await last.exited).toBe(0);
  }, 180_000);
});

describe('the soak verifier itself (no server, 1 synthetic store)', () => {
  it('reports a lost answered write, a deleted webhook that is back, a lost signal and a reusable id', () => {
    const ledger = new Ledger();
    const ids: number[] = [];
    const created = { status: 200, body: { WebhookId: 7 } };
    ledger.answered({ kind: 'create', name: 'a', description: 'one' }, created, ids);
    ledger.answered({ kind: 'patch', id: 7, description: 'two' }, { status: 200, body: {} }, ids);
    ledger.answered({ kind: 'signal', key: 1 }, { status: 204, body: undefined }, ids);
    const gone = { status: 200, body: { WebhookId: 8 } };
    ledger.answered({ kind: 'create', name: 'b', description: 'x' }, gone, ids);
    ledger.answered({ kind: 'delete', id: 8 }, { status: 204, body: undefined }, ids);
    const state = {
      nextId: 8,
      webhooks: [
        { WebhookId: 7, Name: 'a', Description: 'one' },
        { WebhookId: 8, Name: 'b', Description: 'x' },
      ],
      signals: [],
      deliveries: [],
    } as unknown as StoreState;
    const problems = ledger.verify(state);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/webhook 7: want .*two/);
    expect(problems.join('\n')).toMatch(/deleted 8 is back/);
    expect(problems.join('\n')).toMatch(/signal 1 lost/);
    expect(problems.join('\n')).toMatch(/nextId 8 would reuse 8/);
  });
});
