// Property-based fuzzing (fast-check) of every operation of the spec (18) and the admin routes
// with malformed and hostile input, against the real listener (startServer, 127.0.0.1, port 0).
// Properties of every answer: never a 5xx but SignalEvent's documented 503; every 4xx carries
// the SuperOffice error body; a rejected request leaves the webhooks and the signal log as they
// were; nothing reaches Object.prototype; the server answers a plain request after each batch.
// Bounds: 23 families × 100 runs on an in-memory store, × 25 runs on a lowdb file store, plus
// 37 fixed requests (fuzz-found.ts, 413s, 431s); a failure prints fast-check's seed and path (repeat with FUZZ_SEED=<seed>).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deliver } from '../../src/delivery/deliver.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { checkOne, expectErrorBody, expectHealthy, send } from './fuzz-client.js';
import { FOUND } from './fuzz-found.js';
import { FAMILIES, requests } from './fuzz-operations.js';
import { BASIC } from './support.js';
import { loadStoreState } from '../../src/store/lowdb-store.js';

const MAX_BODY = 1024 * 1024;
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Deliveries and test pings never leave the process: every target answers 200 at once. */
const deliver: Deliver = () =>
  Promise.resolve({ ok: true, status: 200, statusText: 'OK', responseBody: 'OK', latencyMs: 0 });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fuzzFamily(server: RunningServer, index: number, numRuns: number) {
  const family = FAMILIES[index]!;
  // Each family starts from the default fixture: earlier families may have deleted it all.
  const reset = await send(server.port, {
    method: 'POST',
    path: '/__admin/reset',
    headers: {},
    body: undefined,
  });
  expect(reset.status).toBe(200);
  await fc.assert(
    fc.asyncProperty(requests(family), async (req) => {
      await checkOne(server, req);
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
  await expectHealthy(server, BASIC);
}

describe.each([
  { store: 'in-memory store', runs: 100, db: () => ':memory:' },
  { store: 'lowdb file store', runs: 25, db: () => join(dir, 'fuzz-store.json') },
])('fuzzing every operation ($store, $runs runs per family)', ({ runs, db }) => {
  let server: RunningServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      db: db(),
      reset: true,
      deliver,
      limits: { maxBodyBytes: MAX_BODY },
      logger: { error: (message, detail) => logged.push(`${message} ${String(detail)}`) },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it.each(FAMILIES.map((f, i) => [f.name, i] as const))(
    '%s: hostile requests never get a 5xx, a 4xx has the error body, a rejected one changes nothing',
    async (_name, index) => {
      await fuzzFamily(server, index, runs);
      expect(logged).toEqual([]);
    },
  );

  it.each(
    FAMILIES.filter((f) => f.body !== 'none' && !f.name.startsWith('admin')).map(
      (f) => [f.name, f] as const,
    ),
  )(
    '%s: a body one byte over --max-body is a 413 with the error body (1 request)',
    async (_name, family) => {
      const path = family.template.replaceAll('{}', '1');
      const body = Buffer.from(`"${'x'.repeat(MAX_BODY - 1)}"`);
      const response = await send(server.port, {
        method: family.method,
        path,
        headers: { authorization: BASIC, 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(413);
      expectErrorBody(response, path);
      await expectHealthy(server, BASIC);
    },
  );

  it('a header block over the 16 KiB limit is refused by Node (431), and the server lives on (1 request)', async () => {
    const response = await send(server.port, {
      method: 'GET',
      path: '/api/v1/Webhook',
      headers: { authorization: BASIC, 'x-huge': 'h'.repeat(20 * 1024) },
      body: undefined,
    });
    expect(response.status).toBe(431);
    await expectHealthy(server, BASIC);
  });

  it('the store file (if any) parses and holds what the server serves', async () => {
    await server.dispatcher.idle();
    await server.store.flush();
    const file = db();
    if (file === ':memory:') return;
    const state = await loadStoreState(file);
    expect(state.webhooks).toEqual(server.store.list());
  });
});

describe('fixed hostile requests (in-memory store, 15 requests)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', deliver });
  });

  afterAll(async () => {
    await server.close();
  });

  it.each(FOUND)('%s: keeps every property (1 request)', async (_name, found) => {
    await checkOne(server, found);
    await expectHealthy(server, BASIC);
  });
});
