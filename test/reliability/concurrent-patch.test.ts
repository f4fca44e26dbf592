// Concurrent PATCHes on one webhook against the real listener (startServer). The save awaits
// the target's test ping between reading and writing (verify-targets on, a loopback receiver),
// which is the window in which two writers could both pass their `test` (src/service/keyed-lock.ts).
// Bounds: per store kind, 25 rounds of 2 writers, 8 rounds of 8 writers, 5 rounds of 12
// non-conflicting writers; every request goes to 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { call, startReceiver, writeQuietFixture, type Receiver } from './support.js';

let dir: string;
let receiver: Receiver;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concurrent-patch-'));
  // Answers on a later turn of its loop, so the ping (and the window it opens) is never instant.
  receiver = await startReceiver((_request, response) => setImmediate(() => response.end('OK')));
});

afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Hook {
  WebhookId: number;
  Name: string;
  Description: string | null;
  Secret: string | null;
  ErrorsEmail: string | null;
  Properties: Record<string, unknown> | null;
}

const PATCH_TYPE = 'application/json-patch+json';

describe.each([
  ['in-memory store', () => ':memory:'],
  ['lowdb file store', () => join(dir, `store-${Math.random().toString(36).slice(2)}.json`)],
])('concurrent PATCHes (%s)', (_kind, db) => {
  let server: RunningServer;
  let id: number;

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      db: db(),
      fixture: writeQuietFixture(dir),
      verifyTargets: true,
    });
    const created = await call(server.url, '/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      body: { Name: 'contended', TargetUrl: receiver.url, Events: ['x.y'], Properties: {} },
    });
    expect(created.status).toBe(200);
    id = (created.body as Hook).WebhookId;
  });

  afterAll(async () => {
    await server.close();
  });

  const current = async (): Promise<Hook> => {
    const got = await call(server.url, `/api/v1/Webhook/${id}`);
    expect(got.status).toBe(200);
    return got.body as Hook;
  };

  /** `writers` PATCHes that each test the current Description and replace it with their own. */
  async function contend(writers: number, round: number) {
    const before = (await current()).Description;
    const mine = Array.from({ length: writers }, (_, w) => `round ${round} writer ${w}`);
    const answers = await Promise.all(
      mine.map((value) =>
        call(server.url, `/api/v1/Webhook/${id}`, {
          method: 'PATCH',
          type: PATCH_TYPE,
          body: [
            { op: 'test', path: '/Description', value: before },
            { op: 'replace', path: '/Description', value },
          ],
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    const winners = statuses.flatMap((status, w) => (status === 200 ? [w] : []));
    expect(winners, `round ${round}: ${statuses.join(',')}`).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(writers - 1);
    const winner = mine[winners[0] as number];
    expect((answers[winners[0] as number]?.body as Hook).Description).toBe(winner);
    expect((await current()).Description).toBe(winner);
  }

  it('two conflicting writers, 25 rounds: exactly one 200 and one 409; the winner’s value stays (no lost update)', async () => {
    for (let round = 0; round < 25; round++) await contend(2, round);
  });

  it('eight conflicting writers, 8 rounds: exactly one 200, seven 409, the winner’s value stays', async () => {
    for (let round = 0; round < 8; round++) await contend(8, round);
  });

  it('12 concurrent non-conflicting PATCHes to different fields, 5 rounds: every one lands', async () => {
    for (let round = 0; round < 5; round++) {
      const fields: Array<[string, string]> = [
        ['/Name', `name ${round}`],
        ['/Description', `description ${round}`],
        ['/Secret', `secret-${round}`],
        ['/ErrorsEmail', `ops${round}@example.com`],
        ...Array.from({ length: 8 }, (_, k): [string, string] => [`/Properties/k${k}`, `${round}`]),
      ];
      const answers = await Promise.all(
        fields.map(([path, value], i) =>
          // Half as JSON Patch, half as merge patch: both go through the same lock.
          i % 2 === 0
            ? call(server.url, `/api/v1/Webhook/${id}`, {
                method: 'PATCH',
                type: PATCH_TYPE,
                body: [{ op: 'add', path, value }],
              })
            : call(server.url, `/api/v1/Webhook/${id}`, {
                method: 'PATCH',
                type: 'application/merge-patch+json',
                body: mergeFor(path, value),
              }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(fields.map(() => 200));
      const hook = await current();
      expect(hook.Name).toBe(`name ${round}`);
      expect(hook.Description).toBe(`description ${round}`);
      expect(hook.Secret).toBe(`secret-${round}`);
      expect(hook.ErrorsEmail).toBe(`ops${round}@example.com`);
      expect(hook.Properties).toEqual(
        Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`k${k}`, `${round}`])),
      );
    }
  });
});

/** `/A/b` = v as a merge patch: `{ A: { b: v } }`. */
function mergeFor(path: string, value: string): Record<string, unknown> {
  const [field, key] = path.slice(1).split('/') as [string, string | undefined];
  return { [field]: key === undefined ? value : { [key]: value } };
}
